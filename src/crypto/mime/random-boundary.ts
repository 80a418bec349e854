/**
 * Fresh multipart boundaries (RFC 2046 §5.1.1). "=_" can't occur in quoted-printable or base64
 * text, and 128 random bits make a collision with content hopeless; callers still check.
 */
import { containsBytes, textToBytes } from './mime-bytes';

export function createRandomBoundary(): string {
  const random = crypto.getRandomValues(new Uint8Array(16));
  const hex = Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `=_signet_${hex}`;
}

/** A boundary whose delimiter (`--boundary`) appears nowhere in any of `contents`. */
export function createBoundaryAbsentFrom(contents: readonly Uint8Array[]): string {
  for (;;) {
    const boundary = createRandomBoundary();
    const delimiter = textToBytes(`--${boundary}`);
    if (!contents.some((content) => containsBytes(content, delimiter))) return boundary;
  }
}

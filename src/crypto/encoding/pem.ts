/**
 * PEM, the textual encoding of RFC 7468: `-----BEGIN LABEL-----`, base64 of the DER, `-----END
 * LABEL-----`. Files may hold several blocks (a chain) and text around them (OpenSSL's
 * "Bag Attributes", `openssl x509 -text` output), which is skipped.
 */
import { decodeBase64, encodeBase64Lines } from './base64';

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Every PEM block of `text`, in order; only those with `label` when given (e.g. 'CERTIFICATE').
 * RFC 7468 §2 allows headers only in the legacy encapsulated form (`Proc-Type:`); such blocks are
 * encrypted and refused here with a `RangeError`, as is base64 that does not decode.
 */
export function decodePemBlocks(text: string, label?: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const blockLabel = match[1];
    if (label !== undefined && blockLabel !== label) continue;
    const body = match[2];
    if (body.includes(':')) throw new RangeError(`PEM block "${blockLabel}" has headers (encrypted PEM is not supported)`);
    blocks.push({ label: blockLabel, der: decodeBase64(body) });
  }
  return blocks;
}

/** DER in PEM with 64-character lines (RFC 7468 §2) and LF line endings, ending in a newline. */
export function encodePem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${encodeBase64Lines(der, 64, '\n')}\n-----END ${label}-----\n`;
}

/** True when the bytes look like PEM text rather than DER (DER starts with a SEQUENCE, 0x30). */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return head.includes('-----BEGIN ');
}

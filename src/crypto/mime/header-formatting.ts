/**
 * Writing header fields (RFC 5322 §2.2, §2.2.3): `Name: value` folded at white space so lines
 * stay within 76 characters where the value allows, CRLF-terminated. Line breaks inside a value
 * are replaced by spaces, so no value can inject a header field of its own.
 */
import type { HeaderField } from './mime-entity';

/** RFC 5322 §2.1.1 says 78; 76 matches RFC 2047 §2 and the body encodings, and leaves a margin. */
const PREFERRED_LINE_LENGTH = 76;

export function formatHeaderField(name: string, value: string): string {
  const safeValue = value.replace(/[\r\n]+/g, ' ');
  const words = safeValue.split(' ');
  let output = `${name}:`;
  let lineLength = output.length;
  let first = true;
  for (const word of words) {
    // Each word is written with the single space that preceded it; folding turns that space
    // into CRLF + space, which unfolding turns back into the space (RFC 5322 §2.2.3).
    const needed = 1 + word.length;
    // Before the first word only if that lets it fit ("To:" CRLF " =?UTF-8?...": RFC 5322 §3.2.2 FWS).
    const foldable = !first || 1 + word.length <= PREFERRED_LINE_LENGTH;
    if (foldable && lineLength + needed > PREFERRED_LINE_LENGTH && word.length > 0) {
      output += '\r\n ' + word;
      lineLength = 1 + word.length;
    } else {
      output += ' ' + word;
      lineLength += needed;
    }
    first = false;
  }
  return output + '\r\n';
}

export function formatHeaderFields(fields: readonly HeaderField[]): string {
  return fields.map((field) => formatHeaderField(field.name, field.value)).join('');
}

/** RFC 2045 §5.1: a parameter value must be quoted unless it is a token. */
export function quoteParameterValue(value: string): string {
  if (value !== '' && /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

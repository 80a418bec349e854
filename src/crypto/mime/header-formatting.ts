/**
 * Writing header fields (RFC 5322 §2.2, §2.2.3): `Name: value` folded at white space so lines
 * stay within 78 characters where the value allows, CRLF-terminated. Line breaks inside a value
 * are replaced by spaces, so no value can inject a header field of its own.
 */
import type { HeaderField } from './mime-entity';

/** RFC 5322 §2.1.1: "SHOULD be no more than 78 characters, excluding the CRLF". */
const PREFERRED_LINE_LENGTH = 78;

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
    if (!first && lineLength + needed > PREFERRED_LINE_LENGTH && word.length > 0) {
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

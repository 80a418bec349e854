/**
 * Header protection (RFC 9788 §2, and the earlier `protected-headers="v1"` draft that Thunderbird
 * writes): a signed entity may carry copies of From, To, Subject, Date... in its own header. Those
 * copies are covered by the signature, the outer ones aren't, so where they exist they are the
 * ones compared (From, Date) and shown (Subject).
 */
import { decodeEncodedWords } from '../mime/index';
import type { HeaderField, MimeEntity } from '../mime/index';

export interface ProtectedHeaders {
  fields: HeaderField[];
  /** name -> decoded value, for the verdict (the first of each name). */
  decoded: Record<string, string>;
}

export function readProtectedHeaders(entity: MimeEntity): ProtectedHeaders | undefined {
  const parameters = entity.contentType.parameters;
  const marked = parameters['protected-headers']?.toLowerCase() === 'v1' || ['clear', 'cipher'].includes(parameters.hp?.toLowerCase() ?? '');
  if (!marked) return undefined;
  const fields = entity.headers.filter((field) => {
    const name = field.name.toLowerCase();
    return !name.startsWith('content-') && name !== 'mime-version';
  });
  const decoded: Record<string, string> = {};
  for (const field of fields) {
    if (decoded[field.name] === undefined) decoded[field.name] = safelyDecode(field.value);
  }
  return { fields, decoded };
}

function safelyDecode(value: string): string {
  try {
    return decodeEncodedWords(value);
  } catch {
    return value;
  }
}

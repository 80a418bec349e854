/**
 * Undoing the Content-Transfer-Encoding (RFC 2045 §6) and the charset (RFC 2046 §4.1.2) of an
 * entity's body.
 */
import { SignetError } from '../../shared/errors';
import { decodeBase64Lenient } from './base64-transfer-encoding';
import { decodeBytesWithCharset } from './charset';
import type { MimeEntity } from './mime-entity';
import { decodeQuotedPrintable } from './quoted-printable';

type EncodedBody = Pick<MimeEntity, 'body' | 'contentTransferEncoding'>;

/**
 * The body's bytes with base64 or quoted-printable undone. 7bit, 8bit and binary are identities:
 * the body is returned as it is (a view into the message, not a copy). An unknown encoding such
 * as x-uuencode is refused (RFC 2045 §6.4: such a body can't be interpreted).
 */
export function decodeBody(entity: EncodedBody): Uint8Array {
  switch (entity.contentTransferEncoding) {
    case '':
    case '7bit':
    case '8bit':
    case 'binary':
      return entity.body;
    case 'base64':
      return decodeBase64Lenient(entity.body);
    case 'quoted-printable':
      return decodeQuotedPrintable(entity.body);
    default:
      throw new SignetError(
        'malformed-mime',
        `Unknown Content-Transfer-Encoding "${entity.contentTransferEncoding.slice(0, 40)}"; the body can't be decoded.`,
      );
  }
}

/** The body as text, decoded in the charset its Content-Type names (us-ascii when none). */
export function decodeTextBody(entity: Pick<MimeEntity, 'body' | 'contentTransferEncoding' | 'contentType'>): string {
  return decodeBytesWithCharset(decodeBody(entity), entity.contentType.parameters.charset);
}

/** Content-Transfer-Encoding decoders (RFC 2045 sections 6.7 and 6.8), bytes as latin1 strings. */

export function decodeQuotedPrintable(body: string): string {
  return body
    .replace(/[ \t]+(?=\r?\n)/g, '')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export function decodeBase64(body: string): string {
  return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('latin1');
}

/** Decodes a body by its Content-Transfer-Encoding value; 7bit, 8bit, binary pass through. */
export function decodeTransferEncoding(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return decodeBase64(body);
    default:
      return body;
  }
}

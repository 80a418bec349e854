/**
 * Signs a whole message (RFC 8551 §3.5): the outer header (From, To, Subject...) stays outside,
 * the content entity is canonicalized (§3.1.1: CRLF, and a transfer encoding no provider folds),
 * its header gets protected copies of From, Subject... (RFC 9788 §2, hp="clear"), and it is
 * signed as multipart/signed (detached, the default: readable without S/MIME) or as
 * application/pkcs7-mime signed-data (opaque, on request).
 */
import { SignetError } from '../../shared/errors';
import { createSignedData } from '../cms/signed/create-signed-data';
import type { HashName, PrivateKeyHandle, SignatureScheme } from '../keys/private-key-handle';
import { assembleMultipartSignedMessage, assemblePkcs7MimeMessage, canonicalizeForSigning, copyHeadersIntoEntity, formatMessageDate, splitMessage } from '../mime/index';
import type { HeaderField } from '../mime/index';
import { isDateReplayed, parseMailDate } from './date-rule';

export interface MessageSigner {
  key: PrivateKeyHandle;
  /** DER, leaf first, then its chain (the chain goes into the message, RFC 8551 §2.4.1). */
  certificates: Uint8Array[];
}

export interface SignMessageOptions {
  form?: 'detached' | 'opaque';
  hash?: HashName;
  scheme?: SignatureScheme;
  signingTime?: Date;
}

const MICALG: Record<HashName, string> = { 'SHA-1': 'sha-1', 'SHA-256': 'sha-256', 'SHA-384': 'sha-384', 'SHA-512': 'sha-512' };

export async function signMessage(raw: Uint8Array, signer: MessageSigner, options: SignMessageOptions = {}): Promise<Uint8Array> {
  if (signer.certificates.length === 0) throw new SignetError('no-certificate', 'Signing needs the signer certificate.');
  const edwards = signer.key.namedCurve === 'Ed25519';
  // RFC 8419 §3.1: Ed25519 signed attributes carry a SHA-512 message digest.
  const hash = options.hash ?? (edwards ? 'SHA-512' : 'SHA-256');
  // RSASSA-PKCS1-v1_5 reaches every client (DESIGN.md, algorithm policy); EC keys sign ECDSA.
  const scheme = options.scheme ?? (edwards ? 'Ed25519' : signer.key.keyType === 'EC' ? 'ECDSA' : 'RSASSA-PKCS1-v1_5');
  const form = options.form ?? 'detached';

  const signingTime = options.signingTime ?? new Date();
  const split = splitMessage(raw);
  const outerHeaders = dateMessageAtSigning(split.outerHeaders, signingTime);
  const content = split.content;
  const signedContent = canonicalizeForSigning(copyHeadersIntoEntity(content, outerHeaders, 'clear'));
  const signature = await createSignedData({
    content: signedContent,
    key: signer.key,
    certificates: signer.certificates,
    hash,
    scheme,
    encapsulate: form === 'opaque',
    signingTime,
  });
  // The message is written in one buffer (the content is as big as the message: bench/README.md).
  return form === 'opaque'
    ? assemblePkcs7MimeMessage(outerHeaders, signature, 'signed-data')
    : assembleMultipartSignedMessage(outerHeaders, signedContent, signature, MICALG[hash]);
}

/**
 * RFC 5322 §3.6.1: Date is when the message was ready to send, and signing is that moment. A
 * draft written hours before would otherwise carry a Date verifiers take for a replay (the date
 * rule of DESIGN.md), so a missing, unreadable or stale Date becomes the signing time.
 */
function dateMessageAtSigning(headers: readonly HeaderField[], signingTime: Date): HeaderField[] {
  const date: HeaderField = { name: 'Date', value: formatMessageDate(signingTime) };
  const isDate = (field: HeaderField): boolean => field.name.toLowerCase() === 'date';
  if (!headers.some(isDate)) return [...headers, date];
  return headers.map((field) =>
    isDate(field) && (parseMailDate(field.value) === undefined || isDateReplayed(field.value, signingTime)) ? { ...date, name: field.name } : field,
  );
}

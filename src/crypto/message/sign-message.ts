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
import { assembleMessage, buildMultipartSigned, buildPkcs7MimeEntity, canonicalizeForSigning, copyHeadersIntoEntity, splitMessage } from '../mime/index';

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
  const hash = options.hash ?? 'SHA-256';
  // RSASSA-PKCS1-v1_5 reaches every client (DESIGN.md, algorithm policy); EC keys sign ECDSA.
  const scheme = options.scheme ?? (signer.key.keyType === 'EC' ? 'ECDSA' : 'RSASSA-PKCS1-v1_5');
  const form = options.form ?? 'detached';

  const { outerHeaders, content } = splitMessage(raw);
  const signedContent = canonicalizeForSigning(copyHeadersIntoEntity(content, outerHeaders, 'clear'));
  const signature = await createSignedData({
    content: signedContent,
    key: signer.key,
    certificates: signer.certificates,
    hash,
    scheme,
    encapsulate: form === 'opaque',
    signingTime: options.signingTime ?? new Date(),
  });
  const entity = form === 'opaque' ? buildPkcs7MimeEntity(signature, 'signed-data') : buildMultipartSigned(signedContent, signature, MICALG[hash]);
  return assembleMessage(outerHeaders, entity);
}

/**
 * Encrypting a mail message (RFC 8551 §3.3): the content entity (Content-* fields and body) goes
 * into an EnvelopedData, or an AuthEnvelopedData with AES-GCM; the RFC 5322 fields (From, To,
 * Subject...) stay outside, and the body becomes an application/pkcs7-mime entity.
 *
 * The caller adds the sender to `recipients` (DESIGN.md: the sent copy must stay readable); this
 * function encrypts to exactly the list it is given.
 */
import { SignetError } from '../../shared/errors';
import { encryptEnvelope, type ContentEncryptionChoice, type EnvelopeOptions } from '../cms/enveloped/encrypt-envelope';
import type { KeyTransport } from '../cms/enveloped/key-transport';
import { OID } from '../cms/enveloped/object-identifiers';
import { checkUsableForEncryption, readRecipientCertificate, type RecipientCertificate } from '../cms/enveloped/recipient-certificate';
import { assemblePkcs7MimeMessage, splitMessage } from '../mime';

export interface EncryptionRecipient {
  certificate: Uint8Array;
  /** S/MIME capabilities the recipient advertised (algorithm OIDs, RFC 8551 §2.5.2). */
  capabilities?: string[];
  /** RSA only: overrides what the capabilities suggest. */
  keyTransport?: KeyTransport;
}

export interface EncryptMessageOptions extends EnvelopeOptions {
  content?: ContentEncryptionChoice;
}

/**
 * RFC 8551 §2.7.1: use what every recipient said it can read. AES-GCM only when all advertised it
 * (DESIGN.md, algorithm policy); otherwise AES-256-CBC, which every S/MIME 3.2+ client reads.
 */
export function chooseContentEncryption(recipients: EncryptionRecipient[]): ContentEncryptionChoice {
  const everyoneAdvertised = (oid: string) => recipients.every((recipient) => recipient.capabilities?.includes(oid) === true);
  if (everyoneAdvertised(OID.aes256Gcm)) return 'aes-256-gcm';
  if (everyoneAdvertised(OID.aes128Gcm)) return 'aes-128-gcm';
  return 'aes-256-cbc';
}

/** OAEP when asked or advertised (RFC 8551 §2.7.1, RFC 3560 §3), else PKCS#1 v1.5. */
export function chooseKeyTransport(recipient: EncryptionRecipient): KeyTransport {
  if (recipient.keyTransport !== undefined) return recipient.keyTransport;
  return recipient.capabilities?.includes(OID.rsaesOaep) ? 'oaep' : 'pkcs1v15';
}

export async function encryptMessage(raw: Uint8Array, recipients: EncryptionRecipient[], options: EncryptMessageOptions = {}): Promise<Uint8Array> {
  if (recipients.length === 0) throw new SignetError('no-recipients', 'There is nobody to encrypt the message to.');
  const chosen: { certificate: RecipientCertificate; keyTransport: KeyTransport }[] = [];
  const seen = new Set<string>();
  for (const recipient of recipients) {
    const certificate = await readRecipientCertificate(recipient.certificate);
    checkUsableForEncryption(certificate);
    // The sender is often also in To or Cc: one RecipientInfo per certificate is enough.
    if (seen.has(certificate.record.fingerprint)) continue;
    seen.add(certificate.record.fingerprint);
    chosen.push({ certificate, keyTransport: chooseKeyTransport(recipient) });
  }
  const { outerHeaders, content } = splitMessage(raw);
  const { der, kind } = await encryptEnvelope(content, chosen, options.content ?? chooseContentEncryption(recipients), options);
  // Written in one buffer: the base64 body is 1.37 times the message (bench/README.md).
  return assemblePkcs7MimeMessage(outerHeaders, der, kind);
}

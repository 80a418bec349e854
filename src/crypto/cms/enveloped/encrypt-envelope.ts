/**
 * Building an EnvelopedData (RFC 5652 §6.1; AES-CBC, RFC 3565) or an AuthEnvelopedData (RFC 5083
 * §2.1 with AES-GCM, RFC 5084: a 12-byte nonce, the 16-byte tag in the mac field) in a
 * ContentInfo. pkijs has no AuthEnvelopedData and would split the content into 1 KiB pieces, so
 * the outer structures are written here with asn1js, as DER with one primitive encryptedContent.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { asBufferSource } from '../../rsa/buffer-source';
import { encodeDerTree, type DerNode } from './der-tree';
import { encryptKeyAgreement } from './key-agreement';
import { encryptKeyTransport, type KeyTransport } from './key-transport';
import { OID } from './object-identifiers';
import type { EnvelopeKind } from './parse-envelope';
import type { RecipientCertificate } from './recipient-certificate';
import { encryptX25519KeyAgreement } from './x25519-key-agreement';

export type ContentEncryptionChoice = 'aes-256-cbc' | 'aes-128-gcm' | 'aes-256-gcm';

export interface EnvelopeRecipientChoice {
  certificate: RecipientCertificate;
  /** For RSA certificates; EC certificates always use ECDH, X25519 certificates RFC 8418. */
  keyTransport: KeyTransport;
}

export interface EnvelopeOptions {
  /** RFC 5753 ukm for EC recipients (tests and peers that want one); absent by default. */
  userKeyingMaterial?: Uint8Array;
}

const GCM_NONCE_LENGTH = 12;
const GCM_TAG_LENGTH = 16;

interface EncryptedContent {
  algorithm: asn1js.Sequence;
  ciphertext: Uint8Array;
  tag?: Uint8Array;
}

async function encryptContentWithAes(choice: ContentEncryptionChoice, contentKey: Uint8Array, content: Uint8Array): Promise<EncryptedContent> {
  if (choice === 'aes-256-cbc') {
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const key = await crypto.subtle.importKey('raw', asBufferSource(contentKey), { name: 'AES-CBC' }, false, ['encrypt']);
    const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, asBufferSource(content)));
    const algorithm = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.aes256Cbc }), new asn1js.OctetString({ valueHex: iv })] });
    return { algorithm, ciphertext };
  }
  const nonce = crypto.getRandomValues(new Uint8Array(GCM_NONCE_LENGTH));
  const key = await crypto.subtle.importKey('raw', asBufferSource(contentKey), { name: 'AES-GCM' }, false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, tagLength: GCM_TAG_LENGTH * 8 }, key, asBufferSource(content)));
  const oid = choice === 'aes-128-gcm' ? OID.aes128Gcm : OID.aes256Gcm;
  // GCMParameters (RFC 5084 §3.2): the ICV length is written although 16 isn't the DEFAULT (12).
  const parameters = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: nonce }), new asn1js.Integer({ value: GCM_TAG_LENGTH })] });
  const algorithm = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), parameters] });
  return {
    algorithm,
    ciphertext: sealed.subarray(0, sealed.length - GCM_TAG_LENGTH),
    tag: sealed.subarray(sealed.length - GCM_TAG_LENGTH),
  };
}

async function buildRecipientInfo(recipient: EnvelopeRecipientChoice, contentKey: Uint8Array, options: EnvelopeOptions): Promise<pkijs.RecipientInfo> {
  if (recipient.certificate.keyType === 'EC') return encryptKeyAgreement(recipient.certificate, contentKey, options.userKeyingMaterial);
  if (recipient.certificate.keyType === 'X25519') return encryptX25519KeyAgreement(recipient.certificate, contentKey, options.userKeyingMaterial);
  return encryptKeyTransport(recipient.certificate, contentKey, recipient.keyTransport);
}

/**
 * RFC 5652 §6.1: version 0 when every RecipientInfo is version 0 (key transport by issuer and
 * serial) and nothing optional is present, else 2. AuthEnvelopedData is always 0 (RFC 5083 §2.1).
 */
function envelopedDataVersion(recipientInfos: pkijs.RecipientInfo[]): number {
  return recipientInfos.every((info) => info.variant === 1 && (info.value as pkijs.KeyTransRecipientInfo).version === 0) ? 0 : 2;
}

/** Encrypts `content` (a MIME entity) to every recipient; returns the ContentInfo DER. */
export async function encryptEnvelope(
  content: Uint8Array,
  recipients: EnvelopeRecipientChoice[],
  choice: ContentEncryptionChoice,
  options: EnvelopeOptions = {},
): Promise<{ der: Uint8Array; kind: EnvelopeKind }> {
  const contentKey = crypto.getRandomValues(new Uint8Array(choice === 'aes-128-gcm' ? 16 : 32));
  try {
    const encrypted = await encryptContentWithAes(choice, contentKey, content);
    const recipientInfos: pkijs.RecipientInfo[] = [];
    for (const recipient of recipients) recipientInfos.push(await buildRecipientInfo(recipient, contentKey, options));

    // Small parts through asn1js; the tree around the ciphertext written once (der-tree.ts).
    const berOf = (value: asn1js.BaseBlock): Uint8Array => new Uint8Array(value.toBER());
    const encryptedContentInfo: DerNode = {
      tag: 0x30,
      contents: [berOf(new asn1js.ObjectIdentifier({ value: OID.data })), berOf(encrypted.algorithm), { tag: 0x80, contents: [encrypted.ciphertext] }],
    };
    const recipientSet = berOf(new asn1js.Set({ value: recipientInfos.map((info) => info.toSchema()) }));
    const kind: EnvelopeKind = encrypted.tag === undefined ? 'enveloped-data' : 'authEnveloped-data';
    const body =
      kind === 'enveloped-data'
        ? [berOf(new asn1js.Integer({ value: envelopedDataVersion(recipientInfos) })), recipientSet, encryptedContentInfo]
        : [berOf(new asn1js.Integer({ value: 0 })), recipientSet, encryptedContentInfo, berOf(new asn1js.OctetString({ valueHex: encrypted.tag }))];
    const contentInfo: DerNode = {
      tag: 0x30,
      contents: [
        berOf(new asn1js.ObjectIdentifier({ value: kind === 'enveloped-data' ? OID.envelopedData : OID.authEnvelopedData })),
        { tag: 0xa0, contents: [{ tag: 0x30, contents: body }] },
      ],
    };
    return { der: encodeDerTree(contentInfo), kind };
  } finally {
    contentKey.fill(0);
  }
}

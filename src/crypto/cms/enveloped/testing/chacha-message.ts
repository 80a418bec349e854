/**
 * Test-only: AuthEnvelopedData with ChaCha20-Poly1305 content (RFC 8103) sealed by Node's
 * chacha20-poly1305 (OpenSSL's implementation, not Signet's), around a RecipientInfo made by the
 * caller. OpenSSL 3.0's `cms -encrypt` can't write this form, so tests build it here.
 */
import * as asn1js from 'asn1js';
import { createCipheriv } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { OID } from '../object-identifiers';

export function contentTypeAttribute(value: string): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.3' }), new asn1js.Set({ value: [new asn1js.ObjectIdentifier({ value })] })],
  });
}

export interface ChaChaShape {
  /** Authenticated attributes to send (RFC 5083 §2.1), MACed as a SET OF. */
  attributes?: { macedValue: string; sentValue: string };
  nonceLength?: number;
  /** Changes to the finished parts, to play the attacker. */
  alter?: (parts: { ciphertext: Uint8Array; tag: Uint8Array }) => void;
  contentType?: string;
}

/** The ContentInfo DER; `contentKey` is the 32-byte key the RecipientInfo carries. */
export function buildChaChaMessage(recipientInfo: pkijs.RecipientInfo, contentKey: Uint8Array, content: Uint8Array, shape: ChaChaShape = {}): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const cipher = createCipheriv('chacha20-poly1305', contentKey, nonce, { authTagLength: 16 });
  if (shape.attributes) {
    // RFC 8103 §4 / RFC 5083 §2.2: the AAD is the DER of authAttrs with the SET OF tag.
    const additionalData = new Uint8Array(new asn1js.Set({ value: [contentTypeAttribute(shape.attributes.macedValue)] }).toBER());
    cipher.setAAD(additionalData, { plaintextLength: content.length });
  }
  const parts = { ciphertext: new Uint8Array(Buffer.concat([cipher.update(content), cipher.final()])), tag: new Uint8Array(cipher.getAuthTag()) };
  shape.alter?.(parts);
  const fields: asn1js.AsnType[] = [
    new asn1js.Integer({ value: 0 }),
    new asn1js.Set({ value: [recipientInfo.toSchema()] }),
    new asn1js.Sequence({
      value: [
        new asn1js.ObjectIdentifier({ value: OID.data }),
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: OID.chacha20Poly1305 }),
            // AEADChaCha20Poly1305Nonce ::= OCTET STRING (SIZE(12)) (RFC 8103 §6).
            new asn1js.OctetString({ valueHex: shape.nonceLength === undefined ? nonce : new Uint8Array(shape.nonceLength) }),
          ],
        }),
        new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: parts.ciphertext }),
      ],
    }),
  ];
  if (shape.attributes) fields.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [contentTypeAttribute(shape.attributes.sentValue)] }));
  if (shape.contentType !== OID.envelopedData) fields.push(new asn1js.OctetString({ valueHex: parts.tag }));
  const contentInfo = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: shape.contentType ?? OID.authEnvelopedData }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: fields })] }),
    ],
  });
  return new Uint8Array(contentInfo.toBER());
}

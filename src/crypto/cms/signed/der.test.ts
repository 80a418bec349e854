import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { encodeHex } from '../../encoding/index';
import { encodeDer, encodeDerLength, encodeObjectIdentifier } from './der';
import { buildSignedAttributes, encodeSignedAttributesForSigning } from './signed-attributes';

describe('the DER writer behind Signet signatures', () => {
  it('writes short and long lengths as X.690 §8.1.3 says', () => {
    expect([...encodeDerLength(0x7f)]).toEqual([0x7f]);
    expect([...encodeDerLength(0x80)]).toEqual([0x81, 0x80]);
    expect([...encodeDerLength(20_000_000)]).toEqual([0x84, 0x01, 0x31, 0x2d, 0x00]);
  });

  it('writes object identifiers asn1js reads back the same', () => {
    for (const oid of ['1.2.840.113549.1.7.2', '2.16.840.1.101.3.4.2.1', '1.3.101.112', '1.2.840.113549.1.9.16.1.23']) {
      const parsed = asn1js.fromBER(encodeObjectIdentifier(oid));
      expect((parsed.result as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(oid);
    }
  });

  it('nests a 20 MB OCTET STRING without asn1js, readable by asn1js with explicit limits', () => {
    const content = new Uint8Array(20_000_000);
    const encoded = encodeDer(0x30, encodeDer(0x04, content));
    const parsed = asn1js.fromBER(encoded, { maxContentLength: encoded.byteLength, parseEmbedded: false });
    expect(parsed.offset).toBe(encoded.byteLength);
  });

  it('sorts the signed attributes as DER requires of a SET OF (X.690 §11.6), whatever order they were built in', () => {
    const { der, attributes } = encodeSignedAttributesForSigning(
      buildSignedAttributes({ contentType: '1.2.840.113549.1.7.1', messageDigest: new Uint8Array(32), signingTime: new Date('2026-03-02T09:00:00Z') }),
    );
    expect(der[0]).toBe(0x31);
    const encodings = attributes.map((attribute) => encodeHex(new Uint8Array(attribute.toSchema().toBER())));
    expect([...encodings].sort()).toEqual(encodings);
    // The same attributes, sorted, re-encode to the same bytes: what the verifier hashes.
    const reparsed = asn1js.fromBER(der).result as asn1js.Set;
    expect(new Uint8Array(reparsed.toBER())).toEqual(der);
  });
});

import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { encodeDerTree } from './der-tree';

describe('encodeDerTree', () => {
  it('writes a large encrypted content nested in ContentInfo exactly as asn1js does', () => {
    const ciphertext = new Uint8Array(70_000).map((_, index) => index % 251);
    const oid = new Uint8Array(new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.3' }).toBER());
    const tree = encodeDerTree({ tag: 0x30, contents: [oid, { tag: 0xa0, contents: [{ tag: 0x30, contents: [{ tag: 0x80, contents: [ciphertext] }] }] }] });
    const expected = new asn1js.Sequence({
      value: [
        new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.3' }),
        new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 0 },
          value: [new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: ciphertext })] })],
        }),
      ],
    });
    expect(tree).toEqual(new Uint8Array(expected.toBER()));
  });

  it('writes short lengths in one byte and an empty leaf as tag and zero length', () => {
    expect(encodeDerTree({ tag: 0x30, contents: [{ tag: 0x04, contents: [] }] })).toEqual(Uint8Array.of(0x30, 0x02, 0x04, 0x00));
  });
});

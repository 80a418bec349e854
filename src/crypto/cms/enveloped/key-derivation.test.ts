import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { runOpenssl } from './testing/openssl-peer';
import { deriveX963Key, encodeSharedInfo } from './key-derivation';
import { OID } from './object-identifiers';
import { computeSha224 } from './sha224';

const aes256Wrap = new Uint8Array(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.aes256Wrap })] }).toBER());

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('SHA-224 (WebCrypto has none; the sha224 KDF needs it)', () => {
  it.each([0, 1, 55, 56, 63, 64, 65, 119, 1000])('matches openssl dgst -sha224 on %i bytes', (length) => {
    const data = crypto.getRandomValues(new Uint8Array(length));
    const expected = new TextDecoder().decode(runOpenssl(['dgst', '-sha224', '-r'], data)).split(' ')[0];
    expect(hex(computeSha224(data))).toBe(expected);
  });
});

describe('ECC-CMS-SharedInfo (RFC 5753 §7.2)', () => {
  it('leaves entityUInfo out when the message has no ukm (the pkijs bug, PKI.js#335)', () => {
    const encoded = asn1js.fromBER(encodeSharedInfo(aes256Wrap, 32)).result as asn1js.Sequence;
    const tags = encoded.valueBlock.value.map((node) => `${node.idBlock.tagClass}:${node.idBlock.tagNumber}`);
    expect(tags).toEqual(['1:16', '3:2']);
    const suppPubInfo = (encoded.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.OctetString;
    expect(hex(suppPubInfo.valueBlock.valueHexView)).toBe('00000100'); // 256 bits
  });

  it('carries the ukm as [0] EXPLICIT OCTET STRING when there is one', () => {
    const userKeyingMaterial = new Uint8Array([1, 2, 3, 4]);
    const encoded = asn1js.fromBER(encodeSharedInfo(aes256Wrap, 16, userKeyingMaterial)).result as asn1js.Sequence;
    const entityUInfo = encoded.valueBlock.value[1] as asn1js.Constructed;
    expect(entityUInfo.idBlock.tagNumber).toBe(0);
    expect((entityUInfo.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView).toEqual(userKeyingMaterial);
  });
});

describe('ANSI X9.63 KDF', () => {
  it('matches OpenSSL’s X963KDF for each hash and a key longer than one hash block', () => {
    return Promise.all(
      (['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'] as const).map(async (hash) => {
        const secret = crypto.getRandomValues(new Uint8Array(32));
        const sharedInfo = encodeSharedInfo(aes256Wrap, 32);
        const expected = new TextDecoder()
          .decode(
            runOpenssl([
              'kdf', '-keylen', '72', '-kdfopt', `digest:${hash.replace('-', '')}`, '-kdfopt', `hexsecret:${hex(secret)}`,
              '-kdfopt', `hexinfo:${hex(sharedInfo)}`, 'X963KDF',
            ]),
          )
          .trim()
          .replace(/:/g, '')
          .toLowerCase();
        expect(hex(await deriveX963Key(hash, secret, sharedInfo, 72))).toBe(expected);
      }),
    );
  });
});

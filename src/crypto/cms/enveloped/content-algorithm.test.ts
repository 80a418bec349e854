import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../../shared/errors';
import { readContentAlgorithm } from './content-algorithm';
import { OID } from './object-identifiers';

const iv8 = new Uint8Array(8).fill(7);

function algorithm(algorithmId: string, algorithmParams?: asn1js.AsnType): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId, ...(algorithmParams ? { algorithmParams } : {}) });
}

function rc2Parameters(version?: number): asn1js.Sequence {
  const value: asn1js.AsnType[] = version === undefined ? [] : [new asn1js.Integer({ value: version })];
  value.push(new asn1js.OctetString({ valueHex: iv8 }));
  return new asn1js.Sequence({ value });
}

describe('content-encryption algorithm identifiers', () => {
  it.each([
    [160, 40],
    [120, 64],
    [58, 128],
    [256, 256],
  ])('RC2 parameter version %i means %i effective key bits (RFC 8018 B.2.3)', (version, bits) => {
    const read = readContentAlgorithm(algorithm(OID.rc2Cbc, rc2Parameters(version)));
    expect(read).toMatchObject({ cipher: 'rc2-cbc', effectiveKeyBits: bits, keyLength: bits / 8, weak: true });
    expect(read.iv).toEqual(iv8);
  });

  it('an RC2 parameter without a version means 32 bits, and an unknown version is malformed', () => {
    expect(readContentAlgorithm(algorithm(OID.rc2Cbc, rc2Parameters())).effectiveKeyBits).toBe(32);
    expect(() => readContentAlgorithm(algorithm(OID.rc2Cbc, rc2Parameters(99)))).toThrow(/version 99/);
  });

  it('AES-GCM without aes-ICVlen takes the RFC 5084 default of 12 bytes', () => {
    const parameters = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: new Uint8Array(12) })] });
    expect(readContentAlgorithm(algorithm(OID.aes128Gcm, parameters))).toMatchObject({ name: 'AES-128-GCM', tagLength: 12, keyLength: 16 });
  });

  it('an AES-CBC IV of the wrong size is malformed-cms', () => {
    try {
      readContentAlgorithm(algorithm(OID.aes256Cbc, new asn1js.OctetString({ valueHex: iv8 })));
      expect.unreachable();
    } catch (error) {
      expect(isSignetError(error, 'malformed-cms')).toBe(true);
    }
  });

  it('an algorithm Signet does not read (DES-CBC) is unsupported-algorithm, with its OID', () => {
    try {
      readContentAlgorithm(algorithm('1.3.14.3.2.7', new asn1js.OctetString({ valueHex: iv8 })));
      expect.unreachable();
    } catch (error) {
      expect(isSignetError(error, 'unsupported-algorithm')).toBe(true);
      expect((error as Error).message).toContain('1.3.14.3.2.7');
    }
  });
});

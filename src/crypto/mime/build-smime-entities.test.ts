import { describe, expect, it } from 'vitest';
import { encodeBase64Lines } from './base64-transfer-encoding';
import { assembleMultipartSignedMessage, assemblePkcs7MimeMessage, buildMultipartSigned, buildPkcs7MimeEntity } from './build-smime-entities';
import type { HeaderField } from './mime-entity';
import { concatByteArrays, textToBytes } from './mime-bytes';
import { assembleMessage } from './split-message';

const outerHeaders: HeaderField[] = [
  { name: 'From', value: 'Jethro Bodine <jethro@jedco.example>' },
  { name: 'To', value: 'Ellie-May Clampett <ellie-may@clampett.example>' },
  { name: 'Subject', value: 'Order for tanker trucks' },
];

function pseudoRandomBytes(length: number): Uint8Array {
  return new Uint8Array(length).map((_, index) => (index * 131 + 7) % 256);
}

const sameBoundary = (bytes: Uint8Array): string => new TextDecoder().decode(bytes).replace(/=_signet_[0-9a-f]{32}/g, 'BOUNDARY');

describe('S/MIME messages written in one buffer', () => {
  for (const length of [0, 1, 2, 57, 58, 100_000]) {
    it(`an encrypted message of ${length} DER bytes is byte for byte what assembleMessage(buildPkcs7MimeEntity) writes`, () => {
      const der = pseudoRandomBytes(length);
      expect(assemblePkcs7MimeMessage(outerHeaders, der, 'enveloped-data')).toEqual(assembleMessage(outerHeaders, buildPkcs7MimeEntity(der, 'enveloped-data')));
    });
  }

  it('the pkcs7-mime entity is its header followed by the base64 lines', () => {
    const der = pseudoRandomBytes(1000);
    const entity = new TextDecoder().decode(buildPkcs7MimeEntity(der, 'signed-data'));
    const [header] = entity.split('\r\n\r\n');
    expect(buildPkcs7MimeEntity(der, 'signed-data')).toEqual(concatByteArrays([textToBytes(`${header}\r\n\r\n`), encodeBase64Lines(der)]));
  });

  it('a signed message is what assembleMessage(buildMultipartSigned) writes, up to the random boundary', () => {
    const content = textToBytes('Content-Type: text/plain; charset=us-ascii\r\n\r\nPlease ship 30 tanker trucks.\r\n');
    const signature = pseudoRandomBytes(1500);
    expect(sameBoundary(assembleMultipartSignedMessage(outerHeaders, content, signature, 'sha-256'))).toBe(
      sameBoundary(assembleMessage(outerHeaders, buildMultipartSigned(content, signature, 'sha-256'))),
    );
  });
});

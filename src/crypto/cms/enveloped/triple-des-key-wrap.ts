/**
 * Triple-DES key unwrap (RFC 3217 §3.2, id-alg-CMS3DESwrap), for reading old mail: OpenSSL uses it for ECDH
 * recipients when the content is DES-EDE3-CBC. Both CBC passes run without padding (the data is
 * whole blocks); the integrity check is the first 8 bytes of SHA-1 over the key.
 */
import { CBC, EDE } from 'des.js';
import { SignetError } from '../../../shared/errors';
import { asBufferSource } from '../../rsa/buffer-source';

const EDE_CBC = CBC.instantiate(EDE);
/** RFC 3217 §3.1 step 7: the fixed IV of the outer encryption. */
const OUTER_IV = new Uint8Array([0x4a, 0xdd, 0xa2, 0x2c, 0x79, 0xe8, 0x21, 0x05]);
const KEY_LENGTH = 24;
const BLOCK = 8;

function runCbc(type: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return Uint8Array.from(EDE_CBC.create({ type, key, iv, padding: false }).final(data));
}

async function computeChecksum(contentKey: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-1', asBufferSource(contentKey))).slice(0, BLOCK);
}

export async function unwrapTripleDesKey(keyEncryptionKey: Uint8Array, wrappedKey: Uint8Array): Promise<Uint8Array> {
  const failed = () => new SignetError('decryption-failed', 'The wrapped content-encryption key does not unwrap with this key (3DES key wrap check failed).');
  if (keyEncryptionKey.length !== KEY_LENGTH || wrappedKey.length !== KEY_LENGTH + 2 * BLOCK) throw failed();
  const reversed = runCbc('decrypt', keyEncryptionKey, OUTER_IV, wrappedKey).reverse();
  const keyWithChecksum = runCbc('decrypt', keyEncryptionKey, reversed.subarray(0, BLOCK), reversed.subarray(BLOCK));
  const contentKey = keyWithChecksum.slice(0, KEY_LENGTH);
  const expected = await computeChecksum(contentKey);
  let difference = 0;
  for (let index = 0; index < BLOCK; index += 1) difference |= expected[index] ^ keyWithChecksum[KEY_LENGTH + index];
  keyWithChecksum.fill(0);
  reversed.fill(0);
  if (difference !== 0) {
    contentKey.fill(0);
    throw failed();
  }
  return contentKey;
}

/**
 * ChaCha20, Poly1305 and their AEAD (RFC 8439) against every test vector of the RFC (the worked
 * examples of §2 and all of appendix A), then against independent implementations: OpenSSL's
 * `enc -chacha20` and `mac POLY1305`, and Node's chacha20-poly1305 AEAD.
 */
import { execFileSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { bytesEqual, utf8Bytes } from '../encoding/bytes';
import { decodeHex, encodeHex } from '../encoding/hex';
import { computeChaCha20Block, quarterRound, xorChaCha20 } from './chacha20';
import { decryptChaCha20Poly1305, encryptChaCha20Poly1305, generatePoly1305Key } from './chacha20-poly1305';
import { computePoly1305, Poly1305 } from './poly1305';

/** Hex as the RFC prints it: spaces and line breaks allowed. */
const hex = (text: string): Uint8Array => decodeHex(text.replace(/\s+/g, ''));
const sequence = (start: number, length: number): Uint8Array => Uint8Array.from({ length }, (_, index) => start + index);
const zeros = (length: number): Uint8Array => new Uint8Array(length);
const ONE_AT_END = hex('00000000000000000000000000000000 00000000000000000000000000000001');
const NONCE_TWO = hex('000000000000000000000002');
const JABBERWOCKY_KEY = hex('1c9240a5eb55d38af333888604f6b5f0 473917c1402b80099dca5cbc207075c0');

const LADIES = utf8Bytes("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
const IETF_CONTRIBUTION = utf8Bytes(
  'Any submission to the IETF intended by the Contributor for publication as all or part of an IETF Internet-Draft or RFC ' +
    'and any statement made within the context of an IETF activity is considered an "IETF Contribution". Such statements ' +
    'include oral statements in IETF sessions, as well as written and electronic communications made at any time or place, which are addressed to',
);
const JABBERWOCKY = utf8Bytes("'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the borogoves,\nAnd the mome raths outgrabe.");
const INTERNET_DRAFTS = utf8Bytes(
  'Internet-Drafts are draft documents valid for a maximum of six months and may be updated, replaced, or obsoleted by other ' +
    'documents at any time. It is inappropriate to use Internet-Drafts as reference material or to cite them other than as /\u201cwork in progress./\u201d',
);

/** Appendix A.1: key, nonce, block counter, key stream. */
const BLOCK_VECTORS: [Uint8Array, Uint8Array, number, string][] = [
  [zeros(32), zeros(12), 0, `76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28 bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
    da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37 6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86`],
  [zeros(32), zeros(12), 1, `9f 07 e7 be 55 51 38 7a 98 ba 97 7c 73 2d 08 0d cb 0f 29 a0 48 e3 65 69 12 c6 53 3e 32 ee 7a ed
    29 b7 21 76 9c e6 4e 43 d5 71 33 b0 74 d8 39 d5 31 ed 1f 28 51 0a fb 45 ac e1 0a 1f 4b 79 4d 6f`],
  [ONE_AT_END, zeros(12), 1, `3a eb 52 24 ec f8 49 92 9b 9d 82 8d b1 ce d4 dd 83 20 25 e8 01 8b 81 60 b8 22 84 f3 c9 49 aa 5a
    8e ca 00 bb b4 a7 3b da d1 92 b5 c4 2f 73 f2 fd 4e 27 36 44 c8 b3 61 25 a6 4a dd eb 00 6c 13 a0`],
  [hex('00ff' + '00'.repeat(30)), zeros(12), 2, `72 d5 4d fb f1 2e c4 4b 36 26 92 df 94 13 7f 32 8f ea 8d a7 39 90 26 5e c1 bb be a1 ae 9a f0 ca
    13 b2 5a a2 6c b4 a6 48 cb 9b 9d 1b e6 5b 2c 09 24 a6 6c 54 d5 45 ec 1b 73 74 f4 87 2e 99 f0 96`],
  [zeros(32), NONCE_TWO, 0, `c2 c6 4d 37 8c d5 36 37 4a e2 04 b9 ef 93 3f cd 1a 8b 22 88 b3 df a4 96 72 ab 76 5b 54 ee 27 c7
    8a 97 0e 0e 95 5c 14 f3 a8 8e 74 1b 97 c2 86 f7 5f 8f c2 99 e8 14 83 62 fa 19 8a 39 53 1b ed 6d`],
];

/** §2.4.2 and appendix A.2: key, nonce, initial counter, plaintext, ciphertext. */
const ENCRYPTION_VECTORS: [string, Uint8Array, Uint8Array, number, Uint8Array, string][] = [
  ['§2.4.2', sequence(0, 32), hex('000000000000004a00000000'), 1, LADIES, `
    6e 2e 35 9a 25 68 f9 80 41 ba 07 28 dd 0d 69 81 e9 7e 7a ec 1d 43 60 c2 0a 27 af cc fd 9f ae 0b
    f9 1b 65 c5 52 47 33 ab 8f 59 3d ab cd 62 b3 57 16 39 d6 24 e6 51 52 ab 8f 53 0c 35 9f 08 61 d8
    07 ca 0d bf 50 0d 6a 61 56 a3 8e 08 8a 22 b6 5e 52 bc 51 4d 16 cc f8 06 81 8c e9 1a b7 79 37 36
    5a f9 0b bf 74 a3 5b e6 b4 0b 8e ed f2 78 5e 42 87 4d`],
  ['A.2 #1', zeros(32), zeros(12), 0, zeros(64), `
    76 b8 e0 ad a0 f1 3d 90 40 5d 6a e5 53 86 bd 28 bd d2 19 b8 a0 8d ed 1a a8 36 ef cc 8b 77 0d c7
    da 41 59 7c 51 57 48 8d 77 24 e0 3f b8 d8 4a 37 6a 43 b8 f4 15 18 a1 1c c3 87 b6 69 b2 ee 65 86`],
  ['A.2 #2', ONE_AT_END, NONCE_TWO, 1, IETF_CONTRIBUTION, `
    a3 fb f0 7d f3 fa 2f de 4f 37 6c a2 3e 82 73 70 41 60 5d 9f 4f 4f 57 bd 8c ff 2c 1d 4b 79 55 ec
    2a 97 94 8b d3 72 29 15 c8 f3 d3 37 f7 d3 70 05 0e 9e 96 d6 47 b7 c3 9f 56 e0 31 ca 5e b6 25 0d
    40 42 e0 27 85 ec ec fa 4b 4b b5 e8 ea d0 44 0e 20 b6 e8 db 09 d8 81 a7 c6 13 2f 42 0e 52 79 50
    42 bd fa 77 73 d8 a9 05 14 47 b3 29 1c e1 41 1c 68 04 65 55 2a a6 c4 05 b7 76 4d 5e 87 be a8 5a
    d0 0f 84 49 ed 8f 72 d0 d6 62 ab 05 26 91 ca 66 42 4b c8 6d 2d f8 0e a4 1f 43 ab f9 37 d3 25 9d
    c4 b2 d0 df b4 8a 6c 91 39 dd d7 f7 69 66 e9 28 e6 35 55 3b a7 6c 5c 87 9d 7b 35 d4 9e b2 e6 2b
    08 71 cd ac 63 89 39 e2 5e 8a 1e 0e f9 d5 28 0f a8 ca 32 8b 35 1c 3c 76 59 89 cb cf 3d aa 8b 6c
    cc 3a af 9f 39 79 c9 2b 37 20 fc 88 dc 95 ed 84 a1 be 05 9c 64 99 b9 fd a2 36 e7 e8 18 b0 4b 0b
    c3 9c 1e 87 6b 19 3b fe 55 69 75 3f 88 12 8c c0 8a aa 9b 63 d1 a1 6f 80 ef 25 54 d7 18 9c 41 1f
    58 69 ca 52 c5 b8 3f a3 6f f2 16 b9 c1 d3 00 62 be bc fd 2d c5 bc e0 91 19 34 fd a7 9a 86 f6 e6
    98 ce d7 59 c3 ff 9b 64 77 33 8f 3d a4 f9 cd 85 14 ea 99 82 cc af b3 41 b2 38 4d d9 02 f3 d1 ab
    7a c6 1d d2 9c 6f 21 ba 5b 86 2f 37 30 e3 7c fd c4 fd 80 6c 22 f2 21`],
  ['A.2 #3', JABBERWOCKY_KEY, NONCE_TWO, 42, JABBERWOCKY, `
    62 e6 34 7f 95 ed 87 a4 5f fa e7 42 6f 27 a1 df 5f b6 91 10 04 4c 0d 73 11 8e ff a9 5b 01 e5 cf
    16 6d 3d f2 d7 21 ca f9 b2 1e 5f b1 4c 61 68 71 fd 84 c5 4f 9d 65 b2 83 19 6c 7f e4 f6 05 53 eb
    f3 9c 64 02 c4 22 34 e3 2a 35 6b 3e 76 43 12 a6 1a 55 32 05 57 16 ea d6 96 25 68 f8 7d 3f 3f 77
    04 c6 a8 d1 bc d1 bf 4d 50 d6 15 4b 6d a7 31 b1 87 b5 8d fd 72 8a fa 36 75 7a 79 7a c1 88 d1`],
];

const R_S = (r: string, s: string): Uint8Array => hex(r + s);
/** §2.5.2 and appendix A.3: one-time key, text, tag. */
const POLY1305_VECTORS: [string, Uint8Array, Uint8Array, string][] = [
  ['§2.5.2', hex('85d6be7857556d337f4452fe42d506a8 0103808afb0db2fd4abff6af4149f51b'), utf8Bytes('Cryptographic Forum Research Group'), 'a8061dc1305136c6c22b8baf0c0127a9'],
  ['A.3 #1', zeros(32), zeros(64), '00000000000000000000000000000000'],
  ['A.3 #2', hex('00000000000000000000000000000000 36e5f6b5c5e06070f0efca96227a863e'), IETF_CONTRIBUTION, '36e5f6b5c5e06070f0efca96227a863e'],
  ['A.3 #3', hex('36e5f6b5c5e06070f0efca96227a863e 00000000000000000000000000000000'), IETF_CONTRIBUTION, 'f3477e7cd95417af89a6b8794c310cf0'],
  ['A.3 #4', JABBERWOCKY_KEY, JABBERWOCKY, '4541669a7eaaee61e708dc7cbcc5eb62'],
  ['A.3 #5', R_S('02' + '00'.repeat(15), '00'.repeat(16)), hex('ff'.repeat(16)), '03' + '00'.repeat(15)],
  ['A.3 #6', R_S('02' + '00'.repeat(15), 'ff'.repeat(16)), hex('02' + '00'.repeat(15)), '03' + '00'.repeat(15)],
  ['A.3 #7', R_S('01' + '00'.repeat(15), '00'.repeat(16)), hex('ff'.repeat(16) + 'f0' + 'ff'.repeat(15) + '11' + '00'.repeat(15)), '05' + '00'.repeat(15)],
  ['A.3 #8', R_S('01' + '00'.repeat(15), '00'.repeat(16)), hex('ff'.repeat(16) + 'fb' + 'fe'.repeat(15) + '01'.repeat(16)), '00'.repeat(16)],
  ['A.3 #9', R_S('02' + '00'.repeat(15), '00'.repeat(16)), hex('fd' + 'ff'.repeat(15)), 'fa' + 'ff'.repeat(15)],
  ['A.3 #10', R_S('0100000000000000 0400000000000000', '00'.repeat(16)), hex(`
    e3 35 94 d7 50 5e 43 b9 00 00 00 00 00 00 00 00 33 94 d7 50 5e 43 79 cd 01 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`), '14000000000000005500000000000000'],
  ['A.3 #11', R_S('0100000000000000 0400000000000000', '00'.repeat(16)), hex(`
    e3 35 94 d7 50 5e 43 b9 00 00 00 00 00 00 00 00 33 94 d7 50 5e 43 79 cd 01 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`), '13000000000000000000000000000000'],
];

/** §2.6.2 and appendix A.4: ChaCha20 key, nonce, Poly1305 one-time key. */
const KEY_GENERATION_VECTORS: [string, Uint8Array, Uint8Array, string][] = [
  ['§2.6.2', sequence(0x80, 32), hex('000000000001020304050607'), '8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646'],
  ['A.4 #1', zeros(32), zeros(12), '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7'],
  ['A.4 #2', ONE_AT_END, NONCE_TWO, 'ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739'],
  ['A.4 #3', JABBERWOCKY_KEY, NONCE_TWO, '965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae'],
];

const AEAD_EXAMPLE = {
  key: sequence(0x80, 32),
  nonce: hex('070000004041424344454647'),
  additionalData: hex('50515253c0c1c2c3c4c5c6c7'),
  ciphertext: `d3 1a 8d 34 64 8e 60 db 7b 86 af bc 53 ef 7e c2 a4 ad ed 51 29 6e 08 fe a9 e2 b5 a7 36 ee 62 d6
    3d be a4 5e 8c a9 67 12 82 fa fb 69 da 92 72 8b 1a 71 de 0a 9e 06 0b 29 05 d6 a5 b6 7e cd 3b 36
    92 dd bd 7f 2d 77 8b 8c 98 03 ae e3 28 09 1b 58 fa b3 24 e4 fa d6 75 94 55 85 80 8b 48 31 d7 bc
    3f f4 de f0 8e 4b 7a 9d e5 76 d2 65 86 ce c6 4b 61 16`,
  tag: '1ae10b594f09e26a7e902ecbd0600691',
};

const AEAD_DECRYPTION = {
  key: JABBERWOCKY_KEY,
  nonce: hex('000000000102030405060708'),
  additionalData: hex('f33388860000000000004e91'),
  ciphertext: hex(`
    64 a0 86 15 75 86 1a f4 60 f0 62 c7 9b e6 43 bd 5e 80 5c fd 34 5c f3 89 f1 08 67 0a c7 6c 8c b2
    4c 6c fc 18 75 5d 43 ee a0 9e e9 4e 38 2d 26 b0 bd b7 b7 3c 32 1b 01 00 d4 f0 3b 7f 35 58 94 cf
    33 2f 83 0e 71 0b 97 ce 98 c8 a8 4a bd 0b 94 81 14 ad 17 6e 00 8d 33 bd 60 f9 82 b1 ff 37 c8 55
    97 97 a0 6e f4 f0 ef 61 c1 86 32 4e 2b 35 06 38 36 06 90 7b 6a 7c 02 b0 f9 f6 15 7b 53 c8 67 e4
    b9 16 6c 76 7b 80 4d 46 a5 9b 52 16 cd e7 a4 e9 90 40 c5 a4 04 33 22 5e e2 82 a1 b0 a0 6c 52 3e
    af 45 34 d7 f8 3f a1 15 5b 00 47 71 8c bc 54 6a 0d 07 2b 04 b3 56 4e ea 1b 42 22 73 f5 48 27 1a
    0b b2 31 60 53 fa 76 99 19 55 eb d6 31 59 43 4e ce bb 4e 46 6d ae 5a 10 73 a6 72 76 27 09 7a 10
    49 e6 17 d9 1d 36 10 94 fa 68 f0 ff 77 98 71 30 30 5b ea ba 2e da 04 df 99 7b 71 4d 6c 6f 2c 29
    a6 ad 5c b4 02 2b 02 70 9b`),
  tag: hex('eead9d67890cbb22392336fea1851f38'),
  oneTimeKey: 'bdf04aa95ce4de8995b14bb6a18fecaf26478f50c054f563dbc0a21e261572aa',
};

function expectDecryptionFailure(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(isSignetError(caught, 'decryption-failed'), String(caught)).toBe(true);
}

describe('ChaCha20 (RFC 8439 §2.1-§2.4)', () => {
  it('the quarter round of §2.1.1 and §2.2.1', () => {
    const words = Uint32Array.of(0x11111111, 0x01020304, 0x9b8d6f43, 0x01234567);
    quarterRound(words, 0, 1, 2, 3);
    expect([...words]).toEqual([0xea2a92f4, 0xcb1cf8ce, 0x4581472e, 0x5881c4bb]);
    const state = Uint32Array.of(
      0x879531e0, 0xc5ecf37d, 0x516461b1, 0xc9a62f8a, 0x44c20ef3, 0x3390af7f, 0xd9fc690b, 0x2a5f714c,
      0x53372767, 0xb00a5631, 0x974c541a, 0x359e9963, 0x5c971061, 0x3d631689, 0x2098d9d6, 0x91dbd320,
    );
    quarterRound(state, 2, 7, 8, 13);
    expect([state[2], state[7], state[8], state[13]]).toEqual([0xbdb886dc, 0xcfacafd2, 0xe46bea80, 0xccc07c79]);
  });

  it('the block function of §2.3.2 and every block of appendix A.1', () => {
    expect(encodeHex(computeChaCha20Block(sequence(0, 32), 1, hex('000000090000004a00000000')))).toBe(
      '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e' +
        'd2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e',
    );
    for (const [index, [key, nonce, counter, stream]] of BLOCK_VECTORS.entries()) {
      expect(encodeHex(computeChaCha20Block(key, counter, nonce)), `A.1 #${index + 1}`).toBe(encodeHex(hex(stream)));
    }
  });

  it('encrypts §2.4.2 and every vector of appendix A.2, and decrypts them back', () => {
    for (const [name, key, nonce, counter, plaintext, ciphertext] of ENCRYPTION_VECTORS) {
      const encrypted = xorChaCha20(key, nonce, counter, plaintext);
      expect(encodeHex(encrypted), name).toBe(encodeHex(hex(ciphertext)));
      expect(encodeHex(xorChaCha20(key, nonce, counter, encrypted)), name).toBe(encodeHex(plaintext));
    }
  });

  it('gives the same key stream as openssl enc -chacha20 over many blocks and odd lengths', () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    for (const length of [0, 1, 63, 64, 65, 1000, 100_003]) {
      const data = crypto.getRandomValues(new Uint8Array(Math.min(length, 65536)));
      const input = length > 65536 ? new Uint8Array(length).map((_, index) => data[index % data.length]) : data;
      // OpenSSL's 16-byte IV is the 32-bit little-endian counter followed by the nonce.
      const iv = encodeHex(Uint8Array.of(7, 0, 0, 0, ...nonce));
      const expected = execFileSync('openssl', ['enc', '-chacha20', '-K', encodeHex(key), '-iv', iv], { input });
      expect(encodeHex(xorChaCha20(key, nonce, 7, input)), `${length} bytes`).toBe(expected.toString('hex'));
    }
  });

  it('a key or nonce of the wrong size is a SignetError, and the 32-bit counter may not wrap', () => {
    expectDecryptionFailure(() => xorChaCha20(zeros(16), zeros(12), 0, zeros(1)));
    expectDecryptionFailure(() => xorChaCha20(zeros(32), zeros(8), 0, zeros(1)));
    expectDecryptionFailure(() => xorChaCha20(zeros(32), zeros(12), 0xffffffff, zeros(65)));
    expect(xorChaCha20(zeros(32), zeros(12), 0xffffffff, zeros(64)).length).toBe(64);
  });
});

describe('Poly1305 (RFC 8439 §2.5)', () => {
  it('computes §2.5.2 and every tag of appendix A.3', () => {
    for (const [name, key, text, tag] of POLY1305_VECTORS) expect(encodeHex(computePoly1305(key, text)), name).toBe(tag);
  });

  it('gives the same tag fed in pieces of any size', () => {
    const key = POLY1305_VECTORS[0][1];
    const text = IETF_CONTRIBUTION;
    const whole = encodeHex(computePoly1305(key, text));
    for (const piece of [1, 3, 15, 16, 17, 100]) {
      const mac = new Poly1305(key);
      for (let offset = 0; offset < text.length; offset += piece) mac.update(text.subarray(offset, offset + piece));
      expect(encodeHex(mac.finish()), `pieces of ${piece}`).toBe(whole);
    }
  });

  it('agrees with openssl mac POLY1305 on random keys and lengths', () => {
    for (const length of [0, 1, 15, 16, 17, 255, 4096, 70_001]) {
      const key = crypto.getRandomValues(new Uint8Array(32));
      const text = new Uint8Array(length).map(() => Math.floor(Math.random() * 256));
      const expected = execFileSync('openssl', ['mac', '-macopt', `hexkey:${encodeHex(key)}`, 'POLY1305'], { input: text }).toString().trim().toLowerCase();
      expect(encodeHex(computePoly1305(key, text)), `${length} bytes`).toBe(expected);
    }
  });
});

describe('AEAD_CHACHA20_POLY1305 (RFC 8439 §2.6, §2.8)', () => {
  it('makes the one-time keys of §2.6.2 and appendix A.4', () => {
    for (const [name, key, nonce, oneTimeKey] of KEY_GENERATION_VECTORS) expect(encodeHex(generatePoly1305Key(key, nonce)), name).toBe(oneTimeKey);
    expect(encodeHex(generatePoly1305Key(AEAD_DECRYPTION.key, AEAD_DECRYPTION.nonce))).toBe(AEAD_DECRYPTION.oneTimeKey);
  });

  it('seals the §2.8.2 example and opens it again', () => {
    const { key, nonce, additionalData } = AEAD_EXAMPLE;
    const { ciphertext, tag } = encryptChaCha20Poly1305(key, nonce, LADIES, additionalData);
    expect(encodeHex(ciphertext)).toBe(encodeHex(hex(AEAD_EXAMPLE.ciphertext)));
    expect(encodeHex(tag)).toBe(AEAD_EXAMPLE.tag);
    expect(decryptChaCha20Poly1305(key, nonce, ciphertext, tag, additionalData)).toEqual(LADIES);
  });

  it('opens the appendix A.5 message', () => {
    const { key, nonce, ciphertext, tag, additionalData } = AEAD_DECRYPTION;
    expect(encodeHex(decryptChaCha20Poly1305(key, nonce, ciphertext, tag, additionalData))).toBe(encodeHex(INTERNET_DRAFTS));
  });

  it('refuses an altered ciphertext, tag, additional data or nonce, and a wrong key', () => {
    const { key, nonce, ciphertext, tag, additionalData } = AEAD_DECRYPTION;
    const flipped = (bytes: Uint8Array, index: number): Uint8Array => {
      const copy = bytes.slice();
      copy[index] ^= 0x01;
      return copy;
    };
    expectDecryptionFailure(() => decryptChaCha20Poly1305(key, nonce, flipped(ciphertext, 100), tag, additionalData));
    expectDecryptionFailure(() => decryptChaCha20Poly1305(key, nonce, ciphertext.subarray(1), tag, additionalData));
    expectDecryptionFailure(() => decryptChaCha20Poly1305(key, nonce, ciphertext, flipped(tag, 15), additionalData));
    expectDecryptionFailure(() => decryptChaCha20Poly1305(key, nonce, ciphertext, tag.subarray(0, 12), additionalData));
    expectDecryptionFailure(() => decryptChaCha20Poly1305(key, nonce, ciphertext, tag, flipped(additionalData, 0)));
    expectDecryptionFailure(() => decryptChaCha20Poly1305(key, flipped(nonce, 11), ciphertext, tag, additionalData));
    expectDecryptionFailure(() => decryptChaCha20Poly1305(flipped(key, 0), nonce, ciphertext, tag, additionalData));
  });

  it("agrees with Node's chacha20-poly1305 both ways, with and without additional data", () => {
    for (const length of [0, 1, 16, 333, 1_000_000]) {
      const key = crypto.getRandomValues(new Uint8Array(32));
      const nonce = crypto.getRandomValues(new Uint8Array(12));
      const plaintext = new Uint8Array(length).map((_, index) => (index * 31 + length) & 0xff);
      const additionalData = length % 2 === 0 ? new Uint8Array(0) : crypto.getRandomValues(new Uint8Array(45));
      const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
      cipher.setAAD(additionalData, { plaintextLength: plaintext.length });
      const nodeCiphertext = new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
      const nodeTag = new Uint8Array(cipher.getAuthTag());
      const ours = encryptChaCha20Poly1305(key, nonce, plaintext, additionalData);
      expect(encodeHex(ours.tag), `${length} bytes`).toBe(encodeHex(nodeTag));
      expect(bytesEqual(ours.ciphertext, nodeCiphertext), `${length} bytes`).toBe(true);
      expect(bytesEqual(decryptChaCha20Poly1305(key, nonce, nodeCiphertext, nodeTag, additionalData), plaintext)).toBe(true);
    }
  });
});

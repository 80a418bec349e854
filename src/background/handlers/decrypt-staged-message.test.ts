import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { peopleDirectory } from '../../../test/webmail/story-mail';
import { encodeBase64 } from '../../crypto/encoding/base64';
import { StagedMessages } from '../store/staged-messages';
import { handleDecryptStagedMessage } from './decrypt-staged-message';
import { contextFor, storeWith, storyMessage } from './reading-handlers.test-support';
import { handleStageEncryptedMessage } from './stage-encrypted-message';

const encrypted = () => storyMessage('encrypted-for-jethro.eml');

describe('staging encrypted mail (content script) and decrypting it (decrypt frame)', () => {
  test('Jethro’s encrypted message is staged from his tab and decrypted by the frame in that tab', async () => {
    const database = await storeWith({ digitalIds: ['jethro.p12'] });
    const staged = new StagedMessages(undefined);
    const { token } = await handleStageEncryptedMessage({ rawBase64: encodeBase64(encrypted()) }, contextFor(database, { tabId: 9 }), staged);
    const decrypted = await handleDecryptStagedMessage({ token }, contextFor(database, { tabId: 9, isExtensionPage: true }), staged);
    expect(decrypted.text).toContain('The gate code for the Bugtussle depot is 4711');
    expect(decrypted.html).toBeUndefined();
    expect(decrypted.verdict.encryption?.contentEncryption).toMatch(/AES-256-CBC/i);
    expect(decrypted.verdict.status).toBe('unsigned');
  });

  test('a frame in another tab can’t redeem the token', async () => {
    const database = await storeWith({ digitalIds: ['jethro.p12'] });
    const staged = new StagedMessages(undefined);
    const { token } = await handleStageEncryptedMessage({ rawBase64: encodeBase64(encrypted()) }, contextFor(database, { tabId: 9 }), staged);
    await expect(handleDecryptStagedMessage({ token }, contextFor(database, { tabId: 10, isExtensionPage: true }), staged)).rejects.toMatchObject({
      code: 'forbidden-sender',
    });
  });

  test('with only a digital ID the message was not encrypted to, the answer is not-a-recipient', async () => {
    const database = await storeWith({ digitalIds: ['granny.p12'] });
    const staged = new StagedMessages(undefined);
    const { token } = await handleStageEncryptedMessage({ rawBase64: encodeBase64(encrypted()) }, contextFor(database), staged);
    await expect(handleDecryptStagedMessage({ token }, contextFor(database, { isExtensionPage: true }), staged)).rejects.toMatchObject({
      code: 'not-a-recipient',
    });
  });

  test('the default identity need not be the recipient: Signet finds the one the message is for', async () => {
    const database = await storeWith({ digitalIds: ['granny.p12', 'ellie-may.p12'] });
    const staged = new StagedMessages(undefined);
    const { token } = await handleStageEncryptedMessage({ rawBase64: encodeBase64(encrypted()) }, contextFor(database), staged);
    const decrypted = await handleDecryptStagedMessage({ token }, contextFor(database, { isExtensionPage: true }), staged);
    expect(decrypted.text).toContain('4711');
  });

  test('without any digital ID Signet says to import one', async () => {
    const database = await storeWith();
    const staged = new StagedMessages(undefined);
    const { token } = await handleStageEncryptedMessage({ rawBase64: encodeBase64(encrypted()) }, contextFor(database), staged);
    await expect(handleDecryptStagedMessage({ token }, contextFor(database, { isExtensionPage: true }), staged)).rejects.toMatchObject({
      code: 'identity-not-found',
    });
  });

  test('an unknown token is refused', async () => {
    const database = await storeWith({ digitalIds: ['jethro.p12'] });
    await expect(
      handleDecryptStagedMessage({ token: 'ab'.repeat(16) }, contextFor(database, { isExtensionPage: true }), new StagedMessages(undefined)),
    ).rejects.toMatchObject({ code: 'bad-request' });
  });

  test('a signed or plain message is not staged: only encryption at the MIME root is', async () => {
    const database = await storeWith();
    for (const name of ['jethro-order.eml', 'unsigned-order.eml']) {
      await expect(
        handleStageEncryptedMessage({ rawBase64: encodeBase64(storyMessage(name)) }, contextFor(database), new StagedMessages(undefined)),
      ).rejects.toMatchObject({ code: 'not-encrypted' });
    }
  });

  test('an encrypted part nested in an unencrypted message is not staged', async () => {
    const database = await storeWith();
    const raw = new TextDecoder('latin1').decode(encrypted());
    const [headers, body] = raw.split('\r\n\r\n', 2);
    const innerHeaders = headers
      .split('\r\n')
      .filter((line) => /^Content-/i.test(line))
      .join('\r\n');
    const nested =
      'From: bob@hacker.example\r\nTo: jethro@jedco.example\r\nSubject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
      `--b\r\nContent-Type: text/plain\r\n\r\nread this\r\n--b\r\n${innerHeaders}\r\n\r\n${body}\r\n--b--\r\n`;
    await expect(
      handleStageEncryptedMessage(
        { rawBase64: encodeBase64(Uint8Array.from(nested, (character) => character.charCodeAt(0))) },
        contextFor(database),
        new StagedMessages(undefined),
      ),
    ).rejects.toMatchObject({ code: 'not-encrypted' });
  });
});

describe('signed, then encrypted (RFC 8551 §3.7 triple wrapping)', () => {
  test('Jethro’s signed and encrypted order decrypts to his words with a valid signature inside', async () => {
    storyMessage('jethro-order.eml'); // makes the people
    const directory = mkdtempSync(join(tmpdir(), 'signet-triple-'));
    writeFileSync(join(directory, 'order.txt'), 'Content-Type: text/plain; charset=utf-8\r\n\r\nplease ship 100 units, signed and sealed\r\n');
    const person = (name: string) => join(peopleDirectory, name);
    const signed = execFileSync('openssl', [
      'cms', '-sign', '-in', join(directory, 'order.txt'), '-signer', person('jethro.pem'), '-inkey', person('jethro.key'),
      '-certfile', person('jedco-mail-ca.pem'), '-binary', '-crlfeol',
    ]);
    writeFileSync(join(directory, 'signed.eml'), signed);
    const encryptedEntity = execFileSync('openssl', [
      'cms', '-encrypt', '-in', join(directory, 'signed.eml'), '-binary', '-crlfeol', '-aes-256-cbc', person('jethro.pem'),
    ]);
    const header = `From: jethro@jedco.example\r\nTo: jethro@jedco.example\r\nSubject: sealed\r\nDate: ${new Date().toUTCString()}\r\n`;
    const message = new Uint8Array([...new TextEncoder().encode(header), ...encryptedEntity]);

    const database = await storeWith({ digitalIds: ['jethro.p12'] });
    const staged = new StagedMessages(undefined);
    const { token } = await handleStageEncryptedMessage({ rawBase64: encodeBase64(message) }, contextFor(database), staged);
    const decrypted = await handleDecryptStagedMessage({ token }, contextFor(database, { isExtensionPage: true }), staged);
    expect(decrypted.text).toContain('please ship 100 units, signed and sealed');
    expect(decrypted.verdict.status).toBe('valid');
    expect(decrypted.verdict.signers[0]?.certificate?.emailAddresses).toEqual(['jethro@jedco.example']);
  });
});

describe('signed after encrypting (a signature over the ciphertext)', () => {
  test('is staged and decrypted through the outer signature, which does not count for who wrote it', async () => {
    storyMessage('jethro-order.eml'); // makes the people
    const directory = mkdtempSync(join(tmpdir(), 'signet-sign-after-encrypt-'));
    const person = (name: string) => join(peopleDirectory, name);
    writeFileSync(join(directory, 'secret.txt'), 'Content-Type: text/plain; charset=utf-8\r\n\r\nthe well is behind the barn\r\n');
    const encryptedEntity = execFileSync('openssl', [
      'cms', '-encrypt', '-in', join(directory, 'secret.txt'), '-binary', '-crlfeol', '-aes-256-cbc', person('jethro.pem'),
    ]);
    writeFileSync(join(directory, 'encrypted.eml'), encryptedEntity);
    const signedOverCiphertext = execFileSync('openssl', [
      'cms', '-sign', '-in', join(directory, 'encrypted.eml'), '-signer', person('ellie-may.pem'), '-inkey', person('ellie-may.key'),
      '-binary', '-crlfeol',
    ]);
    const header = `From: ellie-may@clampett.example\r\nTo: jethro@jedco.example\r\nSubject: well\r\nDate: ${new Date().toUTCString()}\r\n`;
    const message = new Uint8Array([...new TextEncoder().encode(header), ...signedOverCiphertext]);

    const database = await storeWith({ digitalIds: ['jethro.p12'] });
    const staged = new StagedMessages(undefined);
    const { token } = await handleStageEncryptedMessage({ rawBase64: encodeBase64(message) }, contextFor(database), staged);
    const decrypted = await handleDecryptStagedMessage({ token }, contextFor(database, { isExtensionPage: true }), staged);
    expect(decrypted.text).toContain('the well is behind the barn');
    expect(decrypted.verdict.problems).toContain('signature-over-ciphertext');
    expect(decrypted.verdict.status).toBe('unsigned');
  });
});

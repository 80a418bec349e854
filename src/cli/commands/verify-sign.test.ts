/**
 * The `verify` and `sign` commands as a person runs them (DESIGN.md, CLI contract): the real
 * `npm run smime` entry point in a child process, files in a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../crypto/verdict';
import {
  bytes,
  concatenate,
  ensureFixtures,
  fixturePath,
  mailDate,
  makeTemporaryDirectory,
  runOpenssl,
  signWithOpenssl,
  text,
  type TemporaryDirectory,
} from '../../crypto/message/signature-peers.test-support';

const ORDER =
  `From: Jethro Bodine <jethro@jedco.example>\r\nTo: ellie-may@clampett.example\r\nSubject: Order\r\nDate: ${mailDate(new Date())}\r\n` +
  'Content-Type: text/plain; charset=us-ascii\r\n\r\nPlease ship 100 units of tanker trucks.\r\n';

function smime(...args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync('node_modules/.bin/tsx', ['src/cli/index.ts', ...args], { cwd: process.cwd(), timeout: 60_000 });
  return { status: result.status ?? -1, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

let directory: TemporaryDirectory;
beforeAll(() => {
  ensureFixtures();
  directory = makeTemporaryDirectory();
});
afterAll(() => directory.remove());

describe('smime sign and smime verify', () => {
  it("Jethro signs his order with his digital ID; the vendor verifies it valid (exit 0), OpenSSL agrees", () => {
    const order = directory.file('order.eml', ORDER);
    const signed = smime('sign', order, '--p12', fixturePath('jethro.p12'), '--password', 'correct horse');
    expect(signed.stderr).toBe('');
    expect(signed.status).toBe(0);
    const signedFile = directory.file('signed.eml', signed.stdout);
    expect(text(runOpenssl(['cms', '-verify', '-in', signedFile, '-CAfile', fixturePath('jedco-root.pem'), '-purpose', 'smimesign']))).toContain('100 units');
    // jedco-chain.pem holds two certificates (mail CA and root): both are read.
    const verified = smime('verify', signedFile, '--trust', fixturePath('jedco-chain.pem'), '--offline');
    expect(verified.status).toBe(0);
    const verdict = JSON.parse(verified.stdout) as Verdict;
    expect(verdict.status).toBe('valid');
    expect(verdict.signers[0].certificate?.emailAddresses).toContain('jethro@jedco.example');
  });

  it('an opaque signature (--opaque, RSA-PSS, SHA-512) verifies in OpenSSL and in Signet', () => {
    const order = directory.file('order-opaque.eml', ORDER);
    const signed = smime('sign', order, '--p12', fixturePath('jethro.p12'), '--password', 'correct horse', '--opaque', '--pss', '--hash', 'sha-512');
    expect(signed.status).toBe(0);
    expect(signed.stdout).toContain('smime-type=signed-data');
    const signedFile = directory.file('signed-opaque.eml', signed.stdout);
    runOpenssl(['cms', '-verify', '-in', signedFile, '-CAfile', fixturePath('jedco-root.pem'), '-out', directory.file('opaque-out.txt')]);
    const verified = smime('verify', signedFile, '--trust', fixturePath('jedco-root.pem'));
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'valid', layers: [{ kind: 'signed', form: 'opaque' }] });
  });

  it('the order changed to 1000 units in transit: verdict invalid, exit 1, problems explained with --explain', () => {
    const signed = text(signWithOpenssl({ signer: 'jethro', content: 'Content-Type: text/plain\n\nPlease ship 100 units.\n', from: 'jethro@jedco.example' }));
    const tampered = directory.file('tampered.eml', signed.replace('ship 100 units', 'ship 1000 units'));
    const verified = smime('verify', tampered, '--trust', fixturePath('jedco-root.pem'), '--explain');
    expect(verified.status).toBe(1);
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'invalid', problems: expect.arrayContaining(['digest-mismatch']) });
    expect(verified.stderr).toContain('changed after it was signed');
  });

  it("Drysdale's order is revoked with --crl, judged --at a given time", () => {
    const signed = signWithOpenssl({ signer: 'drysdale', content: 'Content-Type: text/plain\n\nWire the money.\n', from: 'drysdale@commerce-bank.example' });
    const file = directory.file('drysdale.eml', signed);
    const verified = smime('verify', file, '--trust', fixturePath('jedco-root.pem'), '--crl', fixturePath('jedco-mail-ca.crl.pem'), '--at', new Date().toISOString());
    expect(verified.status).toBe(1);
    expect(JSON.parse(verified.stdout).status).toBe('revoked');
  });

  it('verify --p12 decrypts first: signed, then encrypted to Ellie May', () => {
    const signed = signWithOpenssl({ signer: 'jethro', content: 'Content-Type: text/plain\n\nPlease ship 100 units.\n' });
    const inner = directory.file('inner.eml', bytes(text(signed).slice(text(signed).indexOf('MIME-Version'))));
    const encrypted = runOpenssl(['cms', '-encrypt', '-aes256', '-in', inner, fixturePath('ellie-may.pem')]);
    const message = directory.file('encrypted.eml', concatenate(bytes('From: jethro@jedco.example\r\n'), encrypted));
    const verified = smime('verify', message, '--trust', fixturePath('jedco-root.pem'), '--p12', fixturePath('ellie-may.p12'), '--password', 'correct horse');
    expect(verified.stderr).toBe('');
    const verdict = JSON.parse(verified.stdout) as Verdict;
    expect(verdict.status).toBe('valid');
    expect(verdict.layers.map((layer) => layer.kind)).toEqual(['encrypted', 'signed']);
  });

  it('bad input gets one line on stderr and a non-zero exit, never a stack trace', () => {
    const cases: { args: string[]; status: number; says: RegExp }[] = [
      { args: ['verify'], status: 2, says: /exactly one message FILE/ },
      { args: ['verify', directory.file('missing.eml')], status: 3, says: /message \S+missing\.eml does not exist/ },
      { args: ['verify', directory.file('noise.eml', bytes('\u0000\u0001garbage'.repeat(10))), '--trust', fixturePath('jedco-root.pem')], status: 3, says: /./ },
      { args: ['verify', directory.file('order2.eml', ORDER), '--trust', fixturePath('jethro.key')], status: 3, says: /no CERTIFICATE/ },
      { args: ['verify', directory.file('order3.eml', ORDER), '--at', 'yesterday'], status: 2, says: /ISO 8601/ },
      { args: ['sign', directory.file('order4.eml', ORDER), '--p12', fixturePath('jethro.p12'), '--password', 'wrong'], status: 3, says: /password/i },
      { args: ['sign', directory.file('order5.eml', ORDER)], status: 2, says: /--p12/ },
      { args: ['sign', directory.file('order6.eml', ORDER), '--p12', fixturePath('jethro-truncated.p12'), '--password', 'correct horse'], status: 3, says: /./ },
    ];
    for (const testCase of cases) {
      const result = smime(...testCase.args);
      expect(result.status, testCase.args.join(' ')).toBe(testCase.status);
      expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
      expect(result.stderr).toMatch(testCase.says);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 240_000);

  it('asks the OCSP responder named in the certificate unless --offline is given', () => {
    const file = directory.file('online.eml', signWithOpenssl({ signer: 'jethro', content: 'Content-Type: text/plain\n\nhi\n', from: 'jethro@jedco.example' }));
    const online = JSON.parse(smime('verify', file, '--trust', fixturePath('jedco-root.pem')).stdout) as Verdict;
    expect(online.revocation.some((answer) => answer.source === 'ocsp' && answer.location === 'http://127.0.0.1:18081')).toBe(true);
    const offline = JSON.parse(smime('verify', file, '--trust', fixturePath('jedco-root.pem'), '--offline').stdout) as Verdict;
    expect(offline.revocation.some((answer) => answer.source === 'ocsp')).toBe(false);
    expect(offline.problems).toContain('revocation-unknown');
  });

  it('an unsigned order exits 1 with the verdict unsigned', () => {
    const verified = smime('verify', directory.file('plain.eml', ORDER), '--trust', fixturePath('jedco-root.pem'));
    expect(verified.status).toBe(1);
    expect(JSON.parse(verified.stdout).status).toBe('unsigned');
  });

  it('--help documents the exit codes', () => {
    const help = smime('verify', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit status: 0 the signature is valid; 1 any other verdict/);
  });
});

import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBackground } from './harness/ask-background';
import { snapshotExtensionDatabase, tryExportingStoredKeys } from './harness/extension-storage';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';

const PASSWORD = 'correct horse';
/** jethro: OpenSSL 3 default (PBES2, AES-256-CBC, PBKDF2-SHA256); granny: legacy (3DES, RC2-40, SHA-1 MAC); ellie-may: EC P-256. */
const PEOPLE = [
  { file: 'jethro.p12', certificate: 'jethro.pem', email: 'jethro@jedco.example' },
  { file: 'granny.p12', certificate: 'granny.pem', email: 'granny@clampett.example' },
  { file: 'ellie-may.p12', certificate: 'ellie-may.pem', email: 'ellie-may@clampett.example' },
];

describe('digital IDs on the management page, in Chromium with the built extension', () => {
  let extension: ExtensionBrowser;
  let management: ManagementPage;

  beforeAll(async () => {
    extension = await launchBrowserWithExtension(demoBuildDirectory());
    management = await ManagementPage.open(extension);
    for (const person of PEOPLE) {
      const outcome = await management.importDigitalId(fixturePath(person.file), PASSWORD);
      expect(outcome, person.file).toMatchObject({ imported: true });
    }
  });

  afterAll(async () => {
    await extension?.close();
  });

  it('lists a modern and a legacy digital ID again after the service worker was stopped and the page reloaded', async () => {
    const worker = await extension.serviceWorker();
    await worker.evaluate(() => Reflect.set(globalThis, 'signetTestMarker', 'the worker before the stop'));

    await extension.stopServiceWorker();
    await management.reload();

    const listed = await management.listedIdentities();
    expect(listed.map((identity) => identity.email).sort()).toEqual(PEOPLE.map((person) => person.email).sort());
    const jethro = listed.find((identity) => identity.email === 'jethro@jedco.example');
    expect(jethro?.text).toContain('RSA 2048-bit');
    expect(jethro?.text).toContain('Jed Co Mail CA');
    expect(listed.find((identity) => identity.email === 'granny@clampett.example')?.text).toContain('RSA 4096-bit');
    // The reload's requests were answered by a new worker: the old one's globals are gone.
    const restarted = await extension.serviceWorker();
    expect(await restarted.evaluate(() => Reflect.get(globalThis, 'signetTestMarker'))).toBeUndefined();
  });

  it('still signs with each stored key after a restart, and OpenSSL-compatible Node verifies it with the certificate', async () => {
    await extension.stopServiceWorker();
    const listed = await management.listedIdentities();
    for (const person of PEOPLE) {
      const identity = listed.find((candidate) => candidate.email === person.email);
      expect(identity, person.email).toBeDefined();
      const data = randomBytes(200);
      const answer = await askBackground(management.page, 'signWithIdentity', {
        identityId: identity?.id,
        dataBase64: data.toString('base64'),
      });
      if (!answer.ok) throw new Error(`${person.email}: ${answer.error.code} ${answer.error.message}`);
      const publicKey = createPublicKey(readFileSync(fixturePath(person.certificate)));
      const signature = Buffer.from(answer.value.signatureBase64, 'base64');
      expect(verify('sha256', data, publicKey, signature), person.email).toBe(true);
      // The same signature over other data must not verify: the check can fail.
      expect(verify('sha256', randomBytes(200), publicKey, signature)).toBe(false);
    }
  });

  it('refuses to export any stored key, even to code running inside the service worker', async () => {
    const attempts = await tryExportingStoredKeys(await extension.serviceWorker());
    for (const person of PEOPLE) {
      const identity = (await management.listedIdentities()).find((candidate) => candidate.email === person.email);
      const mine = attempts.filter((attempt) => attempt.identityId === identity?.id);
      expect(mine.length, person.email).toBeGreaterThanOrEqual(2);
      // RSA identities also hold the AES-GCM key that wraps the PKCS#8 for PKCS#1 v1.5 decryption.
      if (person.email !== 'ellie-may@clampett.example') expect(mine.map((attempt) => attempt.algorithm)).toContain('AES-GCM');
    }
    for (const attempt of attempts) {
      expect(attempt.extractable, attempt.path).toBe(false);
      expect(attempt.outcome, `${attempt.path} as ${attempt.format}`).toMatch(/^refused: InvalidAccessError/);
    }
  });

  it('shows an error for a wrong password and stores nothing', async () => {
    const identitiesBefore = await management.listedIdentities();
    const databaseBefore = await snapshotExtensionDatabase(management.page);
    expect(databaseBefore.identities).toHaveLength(PEOPLE.length);

    const outcome = await management.importDigitalId(fixturePath('jed.p12'), 'wrong horse');

    expect(outcome.imported).toBe(false);
    expect(await management.errorTexts()).toEqual([expect.stringMatching(/password/i)]);
    expect(await management.listedIdentities()).toEqual(identitiesBefore);
    expect(await snapshotExtensionDatabase(management.page)).toEqual(databaseBefore);
    await management.reload();
    expect(await management.listedIdentities()).toEqual(identitiesBefore);
  });
});

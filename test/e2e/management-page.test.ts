import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBackground } from './harness/ask-background';
import { captureDownloads, type DownloadedFile } from './harness/downloads';
import { snapshotExtensionDatabase } from './harness/extension-storage';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';

const PASSWORD = 'correct horse';

describe('managing digital IDs and trust on the management page', () => {
  let extension: ExtensionBrowser;
  let management: ManagementPage;
  let nextDownload: () => Promise<DownloadedFile>;

  beforeAll(async () => {
    extension = await launchBrowserWithExtension(demoBuildDirectory());
    nextDownload = await captureDownloads(extension.browser);
    management = await ManagementPage.open(extension);
    for (const file of ['jethro.p12', 'ellie-may.p12']) {
      expect(await management.importDigitalId(fixturePath(file), PASSWORD), file).toMatchObject({ imported: true });
    }
  });

  afterAll(async () => {
    await extension?.close();
  });

  it('makes the first digital ID the signing default, and lets the person choose another', async () => {
    const before = await management.listedIdentities();
    expect(before.filter((identity) => identity.isDefault).map((identity) => identity.email)).toEqual(['jethro@jedco.example']);
    await management.useForSigning('ellie-may@clampett.example');
    await management.reload();
    const after = await management.listedIdentities();
    expect(after.filter((identity) => identity.isDefault).map((identity) => identity.email)).toEqual(['ellie-may@clampett.example']);
  });

  it('exports the public certificate as .pem and as .cer, byte for byte the one in the digital ID', async () => {
    const expected = new X509Certificate(readFileSync(fixturePath('jethro.pem'))).raw;

    const pemDownload = nextDownload();
    await management.exportCertificate('jethro@jedco.example', 'pem');
    const pem = await pemDownload;
    expect(pem.suggestedFileName).toBe('jethro@jedco.example.pem');
    expect(new X509Certificate(readFileSync(pem.path)).raw.equals(expected)).toBe(true);
    expect(readFileSync(pem.path, 'latin1')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);

    const cerDownload = nextDownload();
    await management.exportCertificate('jethro@jedco.example', 'der');
    const cer = await cerDownload;
    expect(cer.suggestedFileName).toBe('jethro@jedco.example.cer');
    expect(readFileSync(cer.path).equals(expected)).toBe(true);
  });

  it('signs a whole message with the stored key in a form openssl cms -verify accepts', async () => {
    const message = 'From: Jethro <jethro@jedco.example>\r\nTo: vendor@tankers.example\r\nSubject: Order\r\n\r\nPlease ship 30 tanker trucks.\r\n';
    const [jethro] = (await management.listedIdentities()).filter((identity) => identity.email === 'jethro@jedco.example');
    const answer = await askBackground(management.page, 'signMessage', {
      identityId: jethro.id,
      rawBase64: Buffer.from(message).toString('base64'),
    });
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    const directory = mkdtempSync(join(tmpdir(), 'signet-signed-'));
    writeFileSync(join(directory, 'signed.eml'), Buffer.from(answer.value.signedBase64, 'base64'));
    const verified = execFileSync(
      'openssl',
      ['cms', '-verify', '-in', join(directory, 'signed.eml'), '-CAfile', fixturePath('jedco-chain.pem'), '-purpose', 'smimesign'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString('latin1');
    expect(verified).toContain('Please ship 30 tanker trucks.');
  });

  it('deletes a digital ID only after confirmation, and it stays deleted', async () => {
    const storedBefore = await snapshotExtensionDatabase(management.page);
    await management.page.click('[data-signet-identity][data-signet-email="jethro@jedco.example"] [data-signet-action="delete-identity"]');
    await management.page.click('[data-signet-identity][data-signet-email="jethro@jedco.example"] [data-signet-action="cancel-delete-identity"]');
    expect((await management.listedIdentities()).map((identity) => identity.email)).toContain('jethro@jedco.example');

    await management.deleteIdentity('jethro@jedco.example');
    await extension.stopServiceWorker();
    await management.reload();
    expect((await management.listedIdentities()).map((identity) => identity.email)).toEqual(['ellie-may@clampett.example']);
    const storedAfter = await snapshotExtensionDatabase(management.page);
    expect(storedAfter.identities).toHaveLength(storedBefore.identities.length - 1);
  });

  it('trusts an organisation root from a PEM file and a .p7b bundle, and stops trusting it', async () => {
    await management.importTrustAnchor(fixturePath('jedco-root.pem'));
    let anchors = await management.listedTrustAnchors();
    expect(anchors).toHaveLength(1);
    expect(anchors[0].text).toContain('Jed Co Root CA');

    // A .p7b with the mail CA and the root: only the mail CA is new.
    const p7b = join(mkdtempSync(join(tmpdir(), 'signet-p7b-')), 'jedco.p7b');
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', fixturePath('jedco-chain.pem'), '-outform', 'DER', '-out', p7b]);
    await management.importTrustAnchor(p7b);
    anchors = await management.listedTrustAnchors();
    expect(anchors).toHaveLength(2);

    await management.stopTrusting(anchors[0].id);
    await management.reload();
    expect((await management.listedTrustAnchors()).map((anchor) => anchor.id)).toEqual([anchors[1].id]);
  });

  it('shows a clear error for a file that is not a certificate, and stores nothing', async () => {
    const before = await snapshotExtensionDatabase(management.page);
    await management.importTrustAnchor(fixturePath('jethro.key'));
    expect(await management.errorTexts()).toEqual([expect.stringMatching(/certificate/i)]);
    expect(await snapshotExtensionDatabase(management.page)).toEqual(before);
  });

  it('shows the state at a glance in the popup', async () => {
    const popup = await extension.openExtensionPage('src/popup/popup/index.html');
    await popup.waitForSelector('[data-signet-identity-count]');
    const summary = await popup.$eval('[data-signet-status-summary]', (element) => element.textContent ?? '');
    expect(summary).toContain('1 digital ID.');
    expect(summary).toContain('Signing as ellie-may@clampett.example');
    expect(summary).toContain('1 trusted root');
    await popup.close();
  });
});

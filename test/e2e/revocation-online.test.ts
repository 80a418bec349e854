import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/crypto/verdict';
import { askBackground } from './harness/ask-background';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { importTrustAnchor, SignetInWebmail } from './reading-support/signet-in-webmail';
import { readBadgeDetails } from './revocation-support/badge-details';
import { serialOf, startCrlServer, startOcspResponder, type RunningServer, type SeenRequest } from './revocation-support/jedco-revocation-servers';
import { writeSignedOrder, type SignedOrder } from './revocation-support/revocation-mail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { createTemporaryDirectory, fetchToken, findIdByMessageId } from '../unit/webmail/webmail-test-support';

/**
 * Revocation in real Chromium (issue 4): the demo build (whose manifest grants http://127.0.0.1/*,
 * since headless Chromium never answers chrome.permissions.request) verifies Ellie May's mail
 * while the Jed Co CA's CRL server (127.0.0.1:18080) and `openssl ocsp` (127.0.0.1:18081) are down,
 * then up. Only the Jed Co root is imported: no digital ID, so no intermediate is known beforehand.
 */
const ellie = '"Ellie May Clampett" <ellie-may@clampett.example>';
const ellieAddress = 'ellie-may@clampett.example';
const orders: SignedOrder[] = [
  { name: 'jethro-offline', signer: 'jethro', from: '"Jethro Bodine" <jethro@jedco.example>', to: ellie, subject: 'Order while the CA is down', withIntermediate: true },
  { name: 'drysdale', signer: 'drysdale', from: '"Milburn Drysdale" <drysdale@commerce-bank.example>', to: ellie, subject: 'Wire the money', withIntermediate: true },
  { name: 'jed-no-intermediate', signer: 'jed', from: '"Jed Clampett" <jed@clampett.example>', to: ellie, subject: 'Order without the CA certificate', withIntermediate: false },
  { name: 'jethro-first', signer: 'jethro', from: '"Jethro Bodine" <jethro@jedco.example>', to: ellie, subject: 'First order online', withIntermediate: true },
  { name: 'jethro-second', signer: 'jethro', from: '"Jethro Bodine" <jethro@jedco.example>', to: ellie, subject: 'Second order online', withIntermediate: true },
  { name: 'bob-offline-setting', signer: 'bob-hacker', from: '"Bob Hacker" <bob@hacker.example>', to: ellie, subject: 'Order with online checking off', withIntermediate: true },
  { name: 'granny-crl', signer: 'granny', from: '"Daisy Moses" <granny@clampett.example>', to: ellie, subject: 'Order while OCSP is down', withIntermediate: true },
];

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let management: ManagementPage;
let page: Page;
let signet: SignetInWebmail;
let token: string;
let crlServer: RunningServer | undefined;
let ocspResponder: RunningServer | undefined;

const messageId = (name: string): Promise<string> => findIdByMessageId(webmail.origin, token, `<revocation-${name}@signet.example>`);

/** Opens the order at its own URL in a fresh page load (each opening is a new verification). */
async function openOrder(name: string): Promise<{ id: string; status: string }> {
  const id = await messageId(name);
  await page.bringToFront();
  await page.goto('about:blank');
  await signet.mail.open(ellieAddress, id);
  return { id, status: (await signet.readBadge(id)).status };
}

/** The verdict Signet kept as evidence for the message with this subject (what the badge showed). */
async function keptVerdict(subject: string): Promise<Verdict> {
  const listed = await askBackground(management.page, 'listEvidence', {});
  if (!listed.ok) throw new Error(listed.error.message);
  const entry = listed.value.find((candidate) => candidate.subject === subject);
  if (!entry) throw new Error(`no evidence for "${subject}"`);
  const exported = await askBackground(management.page, 'exportEvidence', { messageKey: entry.messageKey });
  if (!exported.ok) throw new Error(exported.error.message);
  return (JSON.parse(exported.value.json) as { latestVerdict: Verdict }).latestVerdict;
}

/**
 * What this browser's Signet asked: other programs on the machine (the CLI's tests, with Node's
 * fetch) may use the same fixed ports. Chrome sends the extension's Origin with a POST, none with
 * a GET (the host permission makes it no CORS request), and its own User-Agent with both.
 */
const fromSignet = (server: RunningServer | undefined): SeenRequest[] =>
  server?.requests.filter((request) =>
    request.origin === undefined ? /Chrome\//.test(request.userAgent ?? '') : request.origin === extension.extensionOrigin,
  ) ?? [];

/** Requests about Jethro's certificate: his OCSP queries and the Mail CA's CRL (his distribution point). */
const requestsAboutJethro = (): SeenRequest[] => [
  ...fromSignet(ocspResponder).filter((request) => request.serial === serialOf('jethro')),
  ...fromSignet(crlServer).filter((request) => request.path === '/jedco-mail-ca.crl'),
];

beforeAll(async () => {
  const mail = createTemporaryDirectory('signet-revocation-mail-');
  for (const order of orders) writeSignedOrder(mail, order);
  webmail = await startWebmail({ importDir: mail, dataDir: createTemporaryDirectory('signet-revocation-webmail-') });
  token = await fetchToken(webmail.origin, ellieAddress);
  extension = await launchBrowserWithExtension(demoBuildDirectory());
  management = await ManagementPage.open(extension);
  await importTrustAnchor(management.page, fixturePath('jedco-root.pem'));
  page = await extension.browser.newPage();
  signet = new SignetInWebmail(page, webmail.origin);
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
  await crlServer?.stop();
  await ocspResponder?.stop();
});

describe('revocation checked online by the extension', () => {
  it('with the servers down, a good order keeps its status and says revocation-unknown in the badge details', async () => {
    const { id, status } = await openOrder('jethro-offline');
    expect(status).toBe('valid');
    const details = await readBadgeDetails(page, id);
    expect(details.problems.map((problem) => problem.code)).toContain('revocation-unknown');
    expect(details.problems.map((problem) => problem.code)).not.toContain('revocation-not-permitted');
    expect(details.revocation).toEqual(
      expect.arrayContaining([{ code: 'unknown', text: expect.stringMatching(/^Jethro Bodine: not checked \(OCSP http:\/\/127\.0\.0\.1:18081: /) }]),
    );
    const verdict = await keptVerdict('Order while the CA is down');
    expect(verdict.revocation.length).toBeGreaterThan(0);
    expect(verdict.revocation.every((answer) => answer.status === 'unknown')).toBe(true);
    expect(verdict.revocation.some((answer) => answer.source === 'ocsp' && answer.location === 'http://127.0.0.1:18081')).toBe(true);
  });

  it("Drysdale's order, signed with a certificate revoked for key compromise, shows revoked (the OCSP responder says so)", async () => {
    crlServer = await startCrlServer();
    ocspResponder = await startOcspResponder();
    const { id, status } = await openOrder('drysdale');
    expect(status).toBe('revoked');
    expect((await readBadgeDetails(page, id)).revocation).toEqual(
      expect.arrayContaining([{ code: 'revoked', text: expect.stringMatching(/^Milburn Drysdale: revoked on \d{4}-\d{2}-\d{2} \(keyCompromise\)/) }]),
    );
    const verdict = await keptVerdict('Wire the money');
    expect(verdict.problems).toContain('certificate-revoked');
    expect(verdict.revocation).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'ocsp', status: 'revoked', revocationReason: 'keyCompromise' })]),
    );
    expect(fromSignet(ocspResponder).filter((request) => request.serial === serialOf('drysdale')).length).toBeGreaterThanOrEqual(1);
  });

  it("Jed's order, whose signature lacks the Mail CA's certificate, verifies after fetching it from caIssuers", async () => {
    const { status } = await openOrder('jed-no-intermediate');
    expect(status).toBe('valid');
    expect(fromSignet(crlServer).map((request) => request.path)).toContain('/jedco-mail-ca.cer');
    const verdict = await keptVerdict('Order without the CA certificate');
    expect(verdict.signers[0]?.chain.map((certificate) => certificate.subject)).toEqual([
      expect.stringContaining('Jed Clampett'),
      expect.stringContaining('Jed Co Mail CA'),
      expect.stringContaining('Jed Co Root CA'),
    ]);
  });

  it("a second verification of Jethro's certificate is answered from the cache, even with the servers stopped", async () => {
    expect(await openOrder('jethro-first')).toMatchObject({ status: 'valid' });
    const first = await keptVerdict('First order online');
    expect(first.revocation).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'ocsp', status: 'good' })]));
    expect(requestsAboutJethro().length).toBeGreaterThanOrEqual(1);

    // Nothing can be fetched now: a "good" answer can only come from Signet's cache.
    await ocspResponder?.stop();
    await crlServer?.stop();
    ocspResponder = undefined;
    crlServer = undefined;
    expect(await openOrder('jethro-second')).toMatchObject({ status: 'valid' });
    const second = await keptVerdict('Second order online');
    expect(second.revocation).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'ocsp', location: 'http://127.0.0.1:18081', status: 'good' })]));
    expect(second.revocation.filter((answer) => answer.certificateFingerprint === first.signers[0]?.certificate?.fingerprintSha256)).toEqual(
      first.revocation.filter((answer) => answer.certificateFingerprint === first.signers[0]?.certificate?.fingerprintSha256),
    );
  });

  it("with the OCSP responder down, Granny's certificate is found good in the Mail CA's CRL", async () => {
    crlServer = await startCrlServer();
    expect(await openOrder('granny-crl')).toMatchObject({ status: 'valid' });
    expect(fromSignet(crlServer).map((request) => request.path)).toContain('/jedco-mail-ca.crl');
    const verdict = await keptVerdict('Order while OCSP is down');
    expect(verdict.revocation).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'ocsp', status: 'unknown' }),
        expect.objectContaining({ source: 'crl', location: 'http://127.0.0.1:18080/jedco-mail-ca.crl', status: 'good' }),
      ]),
    );
  });

  it('the management page shows online checking on, with the loopback servers allowed by the demo manifest', async () => {
    await management.page.bringToFront();
    await management.reload();
    const section = await management.page.waitForSelector('[data-signet-section="revocation"][data-signet-revocation-state]');
    expect(await section?.evaluate((element) => element.getAttribute('data-signet-revocation-state'))).toBe('allowed');
    expect(await management.page.$eval('[data-signet-input="revocation-online"]', (input) => (input as HTMLInputElement).checked)).toBe(true);
  });

  it('turned off there, verification asks no server: no OCSP answer, only the CRL already kept', async () => {
    await management.page.click('[data-signet-input="revocation-online"]');
    await management.page.waitForSelector('[data-signet-section="revocation"][data-signet-revocation-state="off"]');
    ocspResponder = await startOcspResponder();
    expect(await openOrder('bob-offline-setting')).toMatchObject({ status: 'valid' });
    const verdict = await keptVerdict('Order with online checking off');
    expect(verdict.revocation.some((answer) => answer.source === 'ocsp')).toBe(false);
    expect(verdict.revocation).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'crl', location: 'given', status: 'good' })]));
    expect(fromSignet(ocspResponder).filter((request) => request.serial === serialOf('bob-hacker'))).toEqual([]);
  });
});

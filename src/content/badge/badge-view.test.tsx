// @vitest-environment happy-dom
/** @jsxImportSource preact */
/**
 * What a person reads in the badge and its details panel (rendered here into an open container;
 * in the page it lives in a closed shadow root).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { describeProblem } from '../../crypto/problem-descriptions';
import type { CertificateSummary, SignerReport, Verdict } from '../../crypto/verdict';
import { BadgeView } from './badge-view';

function certificate(subject: string, emailAddresses: string[], fingerprint = '3d'.repeat(32)): CertificateSummary {
  return {
    subject,
    issuer: 'CN=Jed Co Mail CA',
    serialNumber: '0a',
    fingerprintSha256: fingerprint,
    emailAddresses,
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2028-01-01T00:00:00.000Z',
    keyAlgorithm: 'RSA',
    keySizeBits: 2048,
  };
}

const jethro = certificate('CN=Jethro Bodine', ['jethro@jedco.example']);
const signer: SignerReport = {
  status: 'valid',
  certificate: jethro,
  chain: [jethro, certificate('CN=Jed Co Mail CA', []), certificate('CN=Jed Co Root CA', [])],
  signingTime: '2026-11-24T10:15:00.000Z',
  digestAlgorithm: 'SHA-256',
  signatureAlgorithm: 'RSASSA-PKCS1-v1_5',
  problems: ['revocation-unknown'],
  capabilities: [],
};
const valid: Verdict = {
  status: 'valid',
  signers: [signer],
  signingTime: signer.signingTime,
  problems: ['revocation-unknown'],
  fromAddress: 'jethro@jedco.example',
  layers: [],
  revocation: [],
  protectedHeaders: { Subject: 'Order: 100 units', From: 'jethro@jedco.example' },
  encryption: { contentEncryption: 'AES-256-CBC', keyManagement: ['RSAES-PKCS1-v1_5'], weak: false },
};

const container = document.createElement('div');
document.body.append(container);
afterEach(() => render(null, container));

/** A click a page script makes up (`isTrusted` false), as `element.click()` from the page would. */
async function clickAsPageScript(): Promise<void> {
  const button = container.querySelector('button.badge') as HTMLButtonElement;
  await act(() => {
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

describe('the badge', () => {
  test('shows the status in words and the signer’s full address', () => {
    render(<BadgeView state={{ kind: 'verdict', verdict: valid }} describeProblem={describeProblem} />, container);
    expect(container.textContent).toContain('Verified');
    expect(container.textContent).toContain('Signed by jethro@jedco.example');
    expect(container.querySelector('.tone-good')).not.toBeNull();
  });

  test('ignores clicks a page script makes up', async () => {
    render(<BadgeView state={{ kind: 'verdict', verdict: valid }} describeProblem={describeProblem} />, container);
    await clickAsPageScript();
    expect(container.querySelector('[role=dialog]')).toBeNull();
  });
});

describe('the details panel', () => {
  async function renderOpen(verdict: Verdict, onTrustSender?: (signer: SignerReport) => void): Promise<void> {
    render(<BadgeView state={{ kind: 'verdict', verdict }} describeProblem={describeProblem} onTrustSender={onTrustSender} />, container);
    const button = container.querySelector('button.badge') as HTMLButtonElement;
    // A person's click: the event a browser makes is trusted; happy-dom lets a test say so.
    const event = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    await act(() => {
      button.dispatchEvent(event);
    });
  }

  test('names signer, issuer chain, fingerprint, signing time, encryption and each problem in plain words', async () => {
    await renderOpen(valid);
    const field = (name: string) => container.querySelector(`[data-field="${name}"]`)?.textContent ?? '';
    expect(field('signer')).toContain('jethro@jedco.example');
    expect(field('issuers')).toContain('CN=Jed Co Mail CA');
    expect(field('issuers')).toContain('CN=Jed Co Root CA');
    expect(field('fingerprint')).toBe(Array(32).fill('3D').join(':'));
    expect(field('signing-time')).toContain('2026');
    expect(field('encryption')).toContain('AES-256-CBC');
    expect(container.querySelector('[data-problem="revocation-unknown"]')?.textContent).toBe(describeProblem('revocation-unknown'));
  });

  test('shows the headers the signature protects (RFC 9788)', async () => {
    await renderOpen(valid);
    expect(container.querySelector('[data-field="protected-headers"]')?.textContent).toContain('Order: 100 units');
  });

  test('offers “Trust this sender” only for an untrusted signer, and hands over that signer', async () => {
    const trusted = vi.fn();
    await renderOpen(valid, trusted);
    expect(container.querySelector('button.trust')).toBeNull();

    const untrusted: Verdict = { ...valid, status: 'untrusted', signers: [{ ...signer, status: 'untrusted' }], problems: ['no-trust-anchor'] };
    render(null, container);
    await renderOpen(untrusted, trusted);
    const trustButton = container.querySelector('button.trust') as HTMLButtonElement;
    const click = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    await act(() => {
      trustButton.dispatchEvent(click);
    });
    expect(trusted).toHaveBeenCalledWith(expect.objectContaining({ certificate: jethro }));
    expect(container.querySelector('[role=dialog]')).toBeNull();
  });
});

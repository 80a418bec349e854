/** @jsxImportSource preact */
/**
 * The badge and its details panel (issue 5 item 3), rendered by Preact into the closed shadow
 * root of the badge host: the page's scripts and styles can't reach anything here.
 */
import { useState } from 'preact/hooks';
import type { ProblemCode, SignerReport, Verdict } from '../../crypto/verdict';
import { describeVerdict, formatFingerprint, type BadgeTone } from './describe-verdict';
import { describeRevocationAnswer } from './describe-revocation';

export type BadgeState =
  | { kind: 'checking' }
  /** Encrypted at the root: the verdict of what's inside comes from the decrypt frame. */
  | { kind: 'encrypted' }
  | { kind: 'verdict'; verdict: Verdict; decrypted?: boolean }
  | { kind: 'failed'; message: string };

export interface BadgeViewProps {
  state: BadgeState;
  describeProblem: (code: ProblemCode) => string;
  /** Offered for an `untrusted` signer: opens Signet's trust-sender frame. */
  onTrustSender?: (signer: SignerReport) => void;
}

const ICONS: Record<BadgeTone, string> = { good: '✔', warning: '!', bad: '✘', neutral: '–' };

export function BadgeView({ state, describeProblem, onTrustSender }: BadgeViewProps) {
  const [open, setOpen] = useState(false);
  if (state.kind === 'checking') {
    return <span class="badge tone-neutral" role="status">Signet: checking the signature…</span>;
  }
  if (state.kind === 'encrypted') {
    return (
      <span class="badge tone-neutral" role="status">
        <span class="label">Encrypted</span>
        <span class="headline">Decrypt it below, in Signet's frame, to read it and check its signature</span>
      </span>
    );
  }
  if (state.kind === 'failed') {
    return (
      <span class="badge tone-warning" role="status">
        <span class="icon" aria-hidden="true">!</span> Signet could not check this message: {state.message}
      </span>
    );
  }
  const { verdict } = state;
  const description = describeVerdict(verdict);
  return (
    <span class="wrapper">
      <button
        type="button"
        class={`badge tone-${description.tone}`}
        aria-expanded={open}
        title="Signet: show the details"
        onClick={(event) => {
          if (event.isTrusted) setOpen(!open);
        }}
      >
        <span class="icon" aria-hidden="true">{ICONS[description.tone]}</span>
        <span class="label">{description.label}</span>
        <span class="headline">{state.decrypted ? `Encrypted. ${description.headline}` : description.headline}</span>
      </button>
      {open && (
        <VerdictDetails
          verdict={verdict}
          signer={description.signer}
          describeProblem={describeProblem}
          onTrustSender={
            verdict.status === 'untrusted' && onTrustSender
              ? (signer) => {
                  // The panel floats over the page: close it so it doesn't cover the frame that opens.
                  setOpen(false);
                  onTrustSender(signer);
                }
              : undefined
          }
        />
      )}
    </span>
  );
}

interface VerdictDetailsProps {
  verdict: Verdict;
  signer?: SignerReport;
  describeProblem: (code: ProblemCode) => string;
  onTrustSender?: (signer: SignerReport) => void;
}

function VerdictDetails({ verdict, signer, describeProblem, onTrustSender }: VerdictDetailsProps) {
  const certificate = signer?.certificate;
  const issuers = signer ? issuerNames(signer) : [];
  const protectedHeaders = Object.entries(verdict.protectedHeaders ?? {});
  return (
    <div class="details" role="dialog" aria-label="Signature details">
      <dl>
        <dt>Status</dt>
        <dd data-field="status">
          {describeVerdict(verdict).label} ({verdict.status})
        </dd>
        {verdict.fromAddress !== undefined && (
          <>
            <dt>Sender (From)</dt>
            <dd data-field="from">{verdict.fromAddress}</dd>
          </>
        )}
        {certificate && (
          <>
            <dt>Signer</dt>
            <dd data-field="signer">
              {certificate.emailAddresses.length > 0 ? certificate.emailAddresses.join(', ') : '(no e-mail address)'}
              <div class="subtle">{certificate.subject}</div>
            </dd>
            <dt>Issued by</dt>
            <dd data-field="issuers">
              {issuers.length > 0 ? (
                <ol>{issuers.map((name) => <li>{name}</li>)}</ol>
              ) : (
                certificate.issuer
              )}
            </dd>
            <dt>Fingerprint (SHA-256)</dt>
            <dd data-field="fingerprint" class="mono">{formatFingerprint(certificate.fingerprintSha256)}</dd>
            <dt>Certificate valid</dt>
            <dd>
              {formatTime(certificate.notBefore)} to {formatTime(certificate.notAfter)}
            </dd>
          </>
        )}
        {signer && (
          <>
            <dt>Algorithms</dt>
            <dd>
              {signer.signatureAlgorithm} with {signer.digestAlgorithm}
            </dd>
          </>
        )}
        {verdict.signingTime !== undefined && (
          <>
            <dt>Signed at (the signer's claim)</dt>
            <dd data-field="signing-time">{formatTime(verdict.signingTime)}</dd>
          </>
        )}
        {verdict.revocation.length > 0 && (
          <>
            <dt>Revocation</dt>
            <dd data-field="revocation">
              <ul>
                {verdict.revocation.map((answer) => (
                  <li data-revocation-status={answer.status}>{describeRevocationAnswer(answer, signer)}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {verdict.encryption && (
          <>
            <dt>Encryption</dt>
            <dd data-field="encryption">
              {verdict.encryption.contentEncryption} ({verdict.encryption.keyManagement.join(', ')})
              {verdict.encryption.weak && ' — weak, from old software'}
            </dd>
          </>
        )}
      </dl>
      {verdict.problems.length > 0 && (
        <>
          <h4>What Signet found</h4>
          <ul data-field="problems">
            {verdict.problems.map((code) => (
              <li data-problem={code}>{describeProblem(code)}</li>
            ))}
          </ul>
        </>
      )}
      {protectedHeaders.length > 0 && (
        <>
          <h4>Headers protected by the signature (RFC 9788)</h4>
          <dl data-field="protected-headers">
            {protectedHeaders.map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
        </>
      )}
      {onTrustSender && signer?.certificate && (
        <button
          type="button"
          class="trust"
          onClick={(event) => {
            if (event.isTrusted) onTrustSender(signer);
          }}
        >
          Trust this sender…
        </button>
      )}
    </div>
  );
}

/** The chain above the signer, signer's issuer first; the certificate's issuer name when none was built. */
function issuerNames(signer: SignerReport): string[] {
  return signer.chain.slice(1).map((certificate) => certificate.subject);
}

function formatTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toUTCString();
}

export const BADGE_STYLES = `
:host { all: initial; }
.wrapper { position: relative; display: inline-block; }
.badge { display: inline-flex; align-items: center; gap: 6px; margin: 0 0 0 8px; padding: 2px 10px;
  border-radius: 12px; border: 1px solid; font: 12px/18px system-ui, sans-serif; cursor: pointer;
  max-width: 46em; text-align: left; }
.badge .label { font-weight: 600; white-space: nowrap; }
.badge .headline { overflow-wrap: anywhere; }
.tone-good { background: #e6f4ea; color: #0d652d; border-color: #34a853; }
.tone-warning { background: #fef7e0; color: #7a4f01; border-color: #f9ab00; }
.tone-bad { background: #fce8e6; color: #a50e0e; border-color: #d93025; }
.tone-neutral { background: #f1f3f4; color: #3c4043; border-color: #9aa0a6; }
.details { position: absolute; z-index: 2147483647; top: 100%; left: 8px; margin-top: 4px; width: 34em;
  padding: 12px 14px; background: #fff; color: #202124; border: 1px solid #9aa0a6; border-radius: 8px;
  box-shadow: 0 2px 8px rgba(0,0,0,.25); font: 12px/1.45 system-ui, sans-serif; }
.details dl { display: grid; grid-template-columns: 11em 1fr; gap: 4px 10px; margin: 0; }
.details dt { font-weight: 600; color: #5f6368; }
.details dd { margin: 0; overflow-wrap: anywhere; }
.details h4 { margin: 10px 0 4px; font-size: 12px; }
.details ul, .details ol { margin: 0; padding-left: 1.3em; }
.subtle { color: #5f6368; }
.mono { font-family: ui-monospace, monospace; font-size: 11px; }
.trust { margin-top: 10px; padding: 4px 12px; font: 600 12px system-ui, sans-serif; border-radius: 4px;
  border: 1px solid #1a73e8; background: #1a73e8; color: #fff; cursor: pointer; }
`;

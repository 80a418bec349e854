/** @jsxImportSource preact */
/**
 * The trust-sender frame (Notes' cross-certify prompt, issue 5 item 5): shows exactly which
 * certificate would be trusted (subject, addresses, issuer, validity, fingerprint) and trusts it
 * only on a real click here, in Signet's own origin. The webmail page only opened this frame.
 */
import { useEffect, useState } from 'preact/hooks';
import { isSignetError } from '../../../shared/errors';
import { sendRequest, type ContactSummary } from '../../../shared/protocol';
import { formatDay, formatFingerprint, isCurrentlyValid } from '../../shared/format';
import { askParentToClose } from '../shared/frame-messages';

type Stage = { kind: 'loading' } | { kind: 'asking'; contact: ContactSummary } | { kind: 'trusted'; contact: ContactSummary } | { kind: 'failed'; message: string };

export function TrustSenderApp({ contactId }: { contactId: string }) {
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    sendRequest('getContact', { contactId })
      .then((contact) => setStage(contact.explicitlyTrusted ? { kind: 'trusted', contact } : { kind: 'asking', contact }))
      .catch((error: unknown) => setStage({ kind: 'failed', message: describe(error) }));
  }, [contactId]);

  async function trust(event: MouseEvent, contact: ContactSummary) {
    if (!event.isTrusted || busy) return; // only a person's click trusts anyone
    setBusy(true);
    try {
      setStage({ kind: 'trusted', contact: await sendRequest('trustSenderCertificate', { contactId: contact.id }) });
    } catch (error) {
      setStage({ kind: 'failed', message: describe(error) });
    } finally {
      setBusy(false);
    }
  }

  if (stage.kind === 'loading') return <p class="muted">Loading the certificate…</p>;
  if (stage.kind === 'failed') {
    return (
      <div data-signet-trust-sender="failed">
        <p class="error" role="alert" data-signet-error="">
          {stage.message}
        </p>
        <div class="actions">
          <button type="button" onClick={() => askParentToClose('trust-sender')} data-signet-action="cancel-trust-sender">
            Close
          </button>
        </div>
      </div>
    );
  }
  const { contact } = stage;
  const certificate = contact.certificate;
  const addresses = contact.emailAddresses.join(', ') || '(no e-mail address)';
  return (
    <div data-signet-trust-sender={stage.kind} data-signet-email={contact.emailAddresses[0] ?? ''}>
      <h1>{stage.kind === 'trusted' ? `You trust ${addresses}` : `Trust ${addresses}?`}</h1>
      {stage.kind === 'asking' && (
        <p>
          This certificate is not issued by an organisation you trust. Trust it only if you know it belongs to {addresses}: compare
          the fingerprint below with one the sender gave you another way (in person, on the phone). From then on, mail signed with it
          shows as verified.
        </p>
      )}
      <dl class="facts">
        <dt>E-mail</dt>
        <dd data-field="email">{addresses}</dd>
        <dt>Subject</dt>
        <dd data-field="subject">{certificate.subject}</dd>
        <dt>Issued by</dt>
        <dd data-field="issuer">{certificate.issuer}</dd>
        <dt>Valid</dt>
        <dd data-field="validity">
          {formatDay(certificate.notBefore)} to {formatDay(certificate.notAfter)}
          {isCurrentlyValid(certificate) ? '' : ' (not valid now)'}
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code data-field="fingerprint">{formatFingerprint(certificate.fingerprintSha256)}</code>
        </dd>
      </dl>
      <div class="actions">
        {stage.kind === 'asking' && (
          <button type="button" class="primary" disabled={busy} onClick={(event) => trust(event, contact)} data-signet-action="trust-sender">
            Trust this sender
          </button>
        )}
        <button type="button" onClick={() => askParentToClose('trust-sender')} data-signet-action="cancel-trust-sender">
          {stage.kind === 'asking' ? 'Cancel' : 'Close'}
        </button>
      </div>
    </div>
  );
}

function describe(error: unknown): string {
  if (isSignetError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** @jsxImportSource preact */
/**
 * The send-confirmation frame (issue 6 item 3; DESIGN.md security model 2): shows what the compose
 * window handed over (From, recipients, subject, attachments) and what Signet will do, and sends
 * only on a real click here, in Signet's own origin, which no page script can reach or fake
 * (`event.isTrusted`). While it works, the progress; afterwards, the self-check (issue 6 item 4)
 * and, when the provider broke a detached signature, the offer to resend it opaque.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendRequest, type OutgoingDraftSummary, type SendProgress, type SentDraft } from '../../../shared/protocol';
import { describeFailure } from '../../shared/error-message';
import { tellComposeWindow } from './tell-compose-window';
import { useVisibleToPerson } from './use-visible-to-person';

type Stage =
  | { kind: 'loading' }
  | { kind: 'confirming' }
  | { kind: 'sending'; progress: SendProgress }
  | { kind: 'sent'; sent: SentDraft }
  | { kind: 'failed'; message: string; sentAlready: boolean };

const PROGRESS_POLL_MILLISECONDS = 250;

export function SendConfirmationApp({ token }: { token: string }) {
  const [summary, setSummary] = useState<OutgoingDraftSummary | undefined>();
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const polling = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const [hiddenWarning, setHiddenWarning] = useState(false);
  const confirmButton = useVisibleToPerson<HTMLButtonElement>();

  useEffect(() => {
    sendRequest('getOutgoingDraft', { token })
      .then((loaded) => {
        setSummary(loaded);
        setStage(loaded.sent ? { kind: 'sent', sent: loaded.sent } : { kind: 'confirming' });
      })
      .catch((error: unknown) => setStage({ kind: 'failed', message: describeFailure(error), sentAlready: false }));
    return () => clearInterval(polling.current);
  }, [token]);

  async function send(event: MouseEvent, form: 'detached' | 'opaque') {
    if (!event.isTrusted) return; // only a person's click sends anything
    if (stage.kind === 'sending') return;
    if (!confirmButton.isVisibleLongEnough()) {
      // Covered, transparent or just shown: maybe the page is tricking the person into this click.
      setHiddenWarning(true);
      return;
    }
    setHiddenWarning(false);
    const sentAlready = stage.kind === 'sent';
    setStage({ kind: 'sending', progress: { step: 'building', fraction: 0, description: 'Starting…' } });
    polling.current = setInterval(() => {
      sendRequest('getOutgoingDraft', { token })
        .then((current) =>
          setStage((previous) => (previous.kind === 'sending' && current.progress.step !== 'waiting' ? { kind: 'sending', progress: current.progress } : previous)),
        )
        .catch(() => undefined);
    }, PROGRESS_POLL_MILLISECONDS);
    try {
      const sent = await sendRequest('sendOutgoingDraft', { token, form });
      setStage({ kind: 'sent', sent });
      if (!sentAlready) tellComposeWindow('sent');
    } catch (error) {
      setStage({ kind: 'failed', message: describeFailure(error), sentAlready });
    } finally {
      clearInterval(polling.current);
    }
  }

  if (stage.kind === 'loading') return <p class="muted">Loading the draft…</p>;
  if (!summary) {
    return (
      <div data-signet-send="failed">
        <p class="error" role="alert" data-signet-error="">
          {stage.kind === 'failed' ? stage.message : 'Signet could not load this draft.'}
        </p>
        <div class="actions">
          <button type="button" onClick={() => tellComposeWindow('close')} data-signet-action="cancel-send">
            Close
          </button>
        </div>
      </div>
    );
  }

  const action = summary.sign && summary.encrypt ? 'Sign, encrypt and send' : summary.encrypt ? 'Encrypt and send' : summary.sign ? 'Sign and send' : 'Send';
  const blocked = summary.missingCertificates.length > 0 || ((summary.sign || summary.encrypt) && !summary.identity);
  return (
    <div data-signet-send={stage.kind}>
      <h1>{stage.kind === 'sent' ? 'Sent' : `${action}?`}</h1>
      <dl class="facts">
        <dt>From</dt>
        <dd data-field="from">{summary.from}</dd>
        <dt>To</dt>
        <dd data-field="to">{summary.to.join(', ') || '—'}</dd>
        {summary.cc.length > 0 && <dt>Cc</dt>}
        {summary.cc.length > 0 && <dd data-field="cc">{summary.cc.join(', ')}</dd>}
        {summary.bcc.length > 0 && <dt>Bcc</dt>}
        {summary.bcc.length > 0 && <dd data-field="bcc">{summary.bcc.join(', ')}</dd>}
        <dt>Subject</dt>
        <dd data-field="subject">{summary.subject || '(no subject)'}</dd>
        {summary.attachments.length > 0 && <dt>Attached</dt>}
        {summary.attachments.length > 0 && (
          <dd data-field="attachments">{summary.attachments.map((attachment) => `${attachment.fileName} (${formatSize(attachment.sizeBytes)})`).join(', ')}</dd>
        )}
      </dl>
      <ul class="plan" data-field="plan">
        {summary.plan.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      {summary.missingCertificates.length > 0 && (
        <ul class="missing" data-field="missing-certificates">
          {summary.missingCertificates.map((answer) => (
            <li key={answer.address}>
              {answer.address}: no usable certificate ({answer.state}). Ask them for a signed message, or import their certificate.
            </li>
          ))}
        </ul>
      )}
      {stage.kind === 'sending' && (
        <div role="status" data-field="progress">
          <progress max={1} value={stage.progress.fraction} />
          <p>{stage.progress.description}</p>
        </div>
      )}
      {stage.kind === 'sent' && <SentReport sent={stage.sent} />}
      {stage.kind === 'failed' && (
        <p class="error" role="alert" data-signet-error="">
          {stage.message}
          {stage.sentAlready ? '' : ' Nothing was sent; your draft is unchanged.'}
        </p>
      )}
      {hiddenWarning && (
        <p class="error" role="alert" data-signet-warning="not-visible">
          Signet's window was not fully visible when you clicked, so nothing was sent. Check what you are sending and click again.
        </p>
      )}
      <div class="actions">
        {(stage.kind === 'confirming' || (stage.kind === 'failed' && !stage.sentAlready)) && (
          <button
            type="button"
            class="primary"
            ref={confirmButton.ref}
            disabled={blocked}
            onClick={(event) => send(event, 'detached')}
            data-signet-action="confirm-send"
          >
            {stage.kind === 'failed' ? 'Try again' : action}
          </button>
        )}
        {((stage.kind === 'sent' && stage.sent.selfCheck.outcome === 'altered' && stage.sent.form === 'detached' && summary.sign) ||
          (stage.kind === 'failed' && stage.sentAlready)) && (
          <button type="button" class="primary" ref={confirmButton.ref} onClick={(event) => send(event, 'opaque')} data-signet-action="resend-opaque">
            Resend with an opaque signature
          </button>
        )}
        {stage.kind !== 'sending' && (
          <button type="button" onClick={() => tellComposeWindow('close')} data-signet-action={stage.kind === 'sent' ? 'close-send' : 'cancel-send'}>
            {stage.kind === 'sent' ? 'Close' : 'Cancel'}
          </button>
        )}
      </div>
    </div>
  );
}

function SentReport({ sent }: { sent: SentDraft }) {
  const tone = sent.selfCheck.outcome === 'altered' ? 'altered' : sent.selfCheck.outcome === 'intact' ? 'sent' : 'muted';
  return (
    <div data-signet-self-check={sent.selfCheck.outcome} data-signet-sent-form={sent.form}>
      <p class={tone}>
        {sent.form === 'opaque' ? 'Sent again with an opaque signature. ' : 'Sent. '}
        {sent.selfCheck.description}
      </p>
      {sent.separateCopies > 0 && <p class="muted">{sent.separateCopies} separate encrypted copies went to the Bcc recipients.</p>}
    </div>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

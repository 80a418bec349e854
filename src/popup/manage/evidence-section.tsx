/** @jsxImportSource preact */
/**
 * "Evidence" (issue 5 item 6): every signed message Signet verified, with what it concluded and
 * when; each can be downloaded as a JSON document (verdicts, signer certificate, chain, revocation
 * answers, the raw message as base64) and as the original .eml, to prove later who signed what.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { decodeBase64 } from '../../crypto/encoding/base64';
import { sendRequest, type EvidenceSummary } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { saveFile } from '../shared/save-file';
import { useFailure } from './use-failure';

export function EvidenceSection() {
  const [entries, setEntries] = useState<EvidenceSummary[] | undefined>(undefined);
  const loadFailure = useFailure();
  const reload = useCallback(async () => {
    await loadFailure.attempt(async () => setEntries(await sendRequest('listEvidence', {})));
  }, []);
  useEffect(() => void reload(), [reload]);

  return (
    <section data-signet-section="evidence" aria-labelledby="signet-evidence-heading">
      <h2 id="signet-evidence-heading">Evidence of signed mail</h2>
      <p class="signet-hint">
        Every signed message Signet checked, kept exactly as received with each verdict, so you can show later what was signed by whom.
      </p>
      <ErrorBanner message={loadFailure.failure?.message} code={loadFailure.failure?.code} />
      {entries !== undefined && entries.length === 0 && <p data-signet-empty="evidence">No signed message verified yet.</p>}
      {entries !== undefined && entries.length > 0 && (
        <ul class="signet-cards" data-signet-list="evidence">
          {entries.map((entry) => (
            <EvidenceCard key={entry.messageKey} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EvidenceCard({ entry }: { entry: EvidenceSummary }) {
  const action = useFailure();
  const download = (what: 'json' | 'eml') =>
    action.attempt(async () => {
      const exported = await sendRequest('exportEvidence', { messageKey: entry.messageKey });
      if (what === 'json') saveFile(exported.fileName, 'application/json', exported.json);
      else saveFile(exported.emlFileName, 'message/rfc822', decodeBase64(exported.rawBase64));
    });
  return (
    <li data-signet-evidence={entry.messageKey} data-signet-status={entry.status} data-signet-email={entry.signerAddress ?? ''}>
      <strong>{entry.subject ?? '(no subject)'}</strong>
      <dl class="signet-facts">
        <dt>Verdict</dt>
        <dd>{entry.status}</dd>
        <dt>Signer</dt>
        <dd>{entry.signerAddress ?? '(none)'}</dd>
        <dt>From</dt>
        <dd>{entry.fromAddress ?? '(none)'}</dd>
        <dt>Last checked</dt>
        <dd>
          {entry.recordedAt} ({entry.verificationCount} {entry.verificationCount === 1 ? 'check' : 'checks'})
        </dd>
      </dl>
      <div class="signet-actions">
        <button type="button" onClick={() => download('json')} data-signet-action="export-evidence">
          Download evidence (.json)
        </button>
        <button type="button" onClick={() => download('eml')} data-signet-action="export-evidence-eml">
          Download message (.eml)
        </button>
      </div>
      <ErrorBanner message={action.failure?.message} code={action.failure?.code} />
    </li>
  );
}

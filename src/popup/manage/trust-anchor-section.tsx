import { SignetError } from '../../shared/errors';
import { useRef } from 'preact/hooks';
import { sendRequest, type TrustAnchorSummary } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { readFileBase64 } from '../shared/read-file-base64';
import { TrustAnchorCard } from './trust-anchor-card';
import { useFailure } from './use-failure';

/**
 * "Organisations you trust": the roots whose certificates make a signature valid (DESIGN.md
 * security model 4). Import a PEM, DER (.cer/.crt) or PKCS#7 (.p7b) file.
 */
export function TrustAnchorSection({ anchors, onChanged }: { anchors: TrustAnchorSummary[]; onChanged: () => Promise<void> }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const importFailure = useFailure();

  async function importTrustAnchor(event: Event) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    await importFailure.attempt(async () => {
      if (!file) throw new SignetError('bad-request', 'Choose a certificate file (.pem, .cer, .crt or .p7b) first.');
      await sendRequest('importTrustAnchor', { fileBase64: await readFileBase64(file) });
      if (fileInput.current) fileInput.current.value = '';
      await onChanged();
    });
  }

  return (
    <section data-signet-section="trust-anchors" aria-labelledby="signet-anchors-heading">
      <h2 id="signet-anchors-heading">Organisations you trust</h2>
      <p class="signet-hint">
        A signature shows as valid only when the sender's certificate was issued under a root you trust here (for example your
        company's certificate authority).
      </p>
      <form class="signet-import" onSubmit={importTrustAnchor} data-signet-form="import-trust-anchor">
        <label>
          Root certificate file (.pem, .cer, .crt, .p7b)
          <input type="file" accept=".pem,.cer,.crt,.der,.p7b,.p7c" ref={fileInput} data-signet-input="trust-anchor-file" />
        </label>
        <div class="signet-actions">
          <button type="submit" disabled={importFailure.busy} data-signet-action="import-trust-anchor">
            Trust this root
          </button>
        </div>
        <ErrorBanner message={importFailure.failure?.message} code={importFailure.failure?.code} />
      </form>
      {anchors.length === 0 ? (
        <p data-signet-empty="trust-anchors">No trusted root yet.</p>
      ) : (
        <ul class="signet-cards" data-signet-list="trust-anchors">
          {anchors.map((anchor) => (
            <TrustAnchorCard key={anchor.id} anchor={anchor} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

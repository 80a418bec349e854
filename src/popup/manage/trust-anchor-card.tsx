import { useState } from 'preact/hooks';
import { sendRequest, type TrustAnchorSummary } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { displayName } from '../shared/format';
import { CertificateFacts } from './certificate-facts';
import { useFailure } from './use-failure';

/** One trusted root, removable after a confirmation. */
export function TrustAnchorCard({ anchor, onChanged }: { anchor: TrustAnchorSummary; onChanged: () => Promise<void> }) {
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const action = useFailure();
  const removeAnchor = () =>
    action.attempt(async () => {
      await sendRequest('deleteTrustAnchor', { anchorId: anchor.id });
      await onChanged();
    });

  return (
    <li data-signet-anchor={anchor.id} data-signet-email={anchor.certificate.emailAddresses[0] ?? ''}>
      <strong>{displayName(anchor.certificate)}</strong>
      <CertificateFacts certificate={anchor.certificate} />
      <div class="signet-actions">
        {confirmingRemoval ? (
          <>
            <span>Stop trusting this root? Signatures under it will show as untrusted.</span>
            <button type="button" class="signet-danger" onClick={removeAnchor} data-signet-action="confirm-delete-trust-anchor">
              Stop trusting
            </button>
            <button type="button" onClick={() => setConfirmingRemoval(false)} data-signet-action="cancel-delete-trust-anchor">
              Cancel
            </button>
          </>
        ) : (
          <button type="button" class="signet-danger" onClick={() => setConfirmingRemoval(true)} data-signet-action="delete-trust-anchor">
            Stop trusting…
          </button>
        )}
      </div>
      <ErrorBanner message={action.failure?.message} code={action.failure?.code} />
    </li>
  );
}

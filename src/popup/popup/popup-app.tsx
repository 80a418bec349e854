import { useEffect, useState } from 'preact/hooks';
import { sendRequest, type ExtensionStatus } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { describeFailure } from '../shared/error-message';

/** The toolbar popup: Signet's state at a glance, and the way to the management page. */
export function PopupApp() {
  const [status, setStatus] = useState<ExtensionStatus | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  useEffect(() => {
    sendRequest('getStatus', {}).then(setStatus, (error: unknown) => setFailure(describeFailure(error)));
  }, []);

  return (
    <main data-signet-page="popup">
      <h1>Signet</h1>
      <ErrorBanner message={failure} />
      {status && <StatusLines status={status} />}
      <button type="button" onClick={() => void chrome.runtime.openOptionsPage()} data-signet-action="open-management">
        Manage digital IDs and trust
      </button>
    </main>
  );
}

function StatusLines({ status }: { status: ExtensionStatus }) {
  const signer = status.defaultIdentity;
  return (
    <div data-signet-status-summary>
      <p data-signet-identity-count={status.identityCount}>
        {status.identityCount === 0
          ? 'No digital ID yet: import one to sign and decrypt mail.'
          : `${status.identityCount} digital ID${status.identityCount === 1 ? '' : 's'}.`}
      </p>
      {signer && <p>Signing as {signer.emailAddresses[0] ?? signer.subject}.</p>}
      <p>
        {status.trustAnchorCount} trusted root{status.trustAnchorCount === 1 ? '' : 's'}, {status.contactCount} contact
        {status.contactCount === 1 ? '' : 's'}.
      </p>
    </div>
  );
}

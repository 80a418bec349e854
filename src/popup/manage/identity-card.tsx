import { useState } from 'preact/hooks';
import { decodeBase64 } from '../../crypto/encoding/base64';
import { sendRequest, type CertificateExportFormat, type IdentitySummary } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { describeKey, displayName } from '../shared/format';
import { saveFile } from '../shared/save-file';
import { CertificateFacts } from './certificate-facts';
import { useFailure } from './use-failure';

/** One digital ID: its facts, and make default / export certificate / delete (with confirmation). */
export function IdentityCard({ identity, onChanged }: { identity: IdentitySummary; onChanged: () => Promise<void> }) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const action = useFailure();
  const { certificate } = identity;

  const exportCertificate = (format: CertificateExportFormat) =>
    action.attempt(async () => {
      const exported = await sendRequest('exportIdentityCertificate', { identityId: identity.id, format });
      saveFile(exported.fileName, exported.mediaType, exported.pem ?? decodeBase64(exported.derBase64 ?? ''));
    });
  const makeDefault = () =>
    action.attempt(async () => {
      await sendRequest('setDefaultIdentity', { identityId: identity.id });
      await onChanged();
    });
  const deleteIdentity = () =>
    action.attempt(async () => {
      await sendRequest('deleteIdentity', { identityId: identity.id });
      await onChanged();
    });

  return (
    <li data-signet-identity={identity.id} data-signet-email={certificate.emailAddresses[0] ?? ''} data-signet-default={String(identity.isDefault)}>
      <strong>{displayName(certificate, identity.friendlyName)}</strong>
      {identity.isDefault && <span class="signet-badge">default for signing</span>}
      <CertificateFacts
        certificate={certificate}
        extra={[
          ['Key', describeKey(identity.keyType, identity.keySizeBits, identity.namedCurve)],
          ['Certificates', String(identity.certificateCount)],
        ]}
      />
      <div class="signet-actions">
        {!identity.isDefault && (
          <button type="button" onClick={makeDefault} data-signet-action="set-default-identity">
            Use for signing
          </button>
        )}
        <button type="button" onClick={() => exportCertificate('pem')} data-signet-action="export-certificate-pem">
          Export certificate (.pem)
        </button>
        <button type="button" onClick={() => exportCertificate('der')} data-signet-action="export-certificate-der">
          Export certificate (.cer)
        </button>
        {confirmingDelete ? (
          <>
            <span>Delete this digital ID and its private key? This cannot be undone.</span>
            <button type="button" class="signet-danger" onClick={deleteIdentity} data-signet-action="confirm-delete-identity">
              Delete
            </button>
            <button type="button" onClick={() => setConfirmingDelete(false)} data-signet-action="cancel-delete-identity">
              Cancel
            </button>
          </>
        ) : (
          <button type="button" class="signet-danger" onClick={() => setConfirmingDelete(true)} data-signet-action="delete-identity">
            Delete…
          </button>
        )}
      </div>
      <ErrorBanner message={action.failure?.message} code={action.failure?.code} />
    </li>
  );
}

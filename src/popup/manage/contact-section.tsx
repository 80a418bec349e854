/** @jsxImportSource preact */
/**
 * "People whose certificates Signet knows" (issue 5 item 5): certificates harvested from signed
 * mail, one card per certificate, with their trust and whether Signet would encrypt to them.
 * Each card carries `data-signet-contact` and `data-signet-email` (DESIGN.md DOM hooks).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendRequest, type ContactSummary } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { formatDay } from '../shared/format';
import { CertificateFacts } from './certificate-facts';
import { useFailure } from './use-failure';

export function ContactSection() {
  const [contacts, setContacts] = useState<ContactSummary[] | undefined>(undefined);
  const loadFailure = useFailure();
  const reload = useCallback(async () => {
    await loadFailure.attempt(async () => setContacts(await sendRequest('listContacts', {})));
  }, []);
  useEffect(() => void reload(), [reload]);

  return (
    <section data-signet-section="contacts" aria-labelledby="signet-contacts-heading">
      <h2 id="signet-contacts-heading">People whose certificates Signet knows</h2>
      <p class="signet-hint">
        Signet keeps the certificate of everyone whose signature it verified, so you can encrypt to them. When someone gets a new
        certificate, the newest is used for encryption and the older one is kept.
      </p>
      <ErrorBanner message={loadFailure.failure?.message} code={loadFailure.failure?.code} />
      {contacts !== undefined && contacts.length === 0 && <p data-signet-empty="contacts">No contacts yet: open a signed message.</p>}
      {contacts !== undefined && contacts.length > 0 && (
        <ul class="signet-cards" data-signet-list="contacts">
          {contacts.map((contact) => (
            <ContactCard key={contact.id} contact={contact} onChanged={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ContactCard({ contact, onChanged }: { contact: ContactSummary; onChanged: () => Promise<void> }) {
  const [confirmingTrust, setConfirmingTrust] = useState(false);
  const action = useFailure();
  const setTrust = (trusted: boolean) =>
    action.attempt(async () => {
      await sendRequest(trusted ? 'trustSenderCertificate' : 'untrustSenderCertificate', { contactId: contact.id });
      await onChanged();
    });
  const trust = contact.explicitlyTrusted ? 'trusted directly by you' : describeStatus(contact.lastStatus);
  return (
    <li
      data-signet-contact={contact.id}
      data-signet-email={contact.emailAddresses[0] ?? ''}
      data-signet-trusted={contact.explicitlyTrusted ? 'explicit' : 'no'}
    >
      <strong>{contact.emailAddresses.join(', ')}</strong>
      {contact.preferredForEncryption && <span class="signet-badge">used for encryption</span>}
      <CertificateFacts
        certificate={contact.certificate}
        extra={[
          ['Trust', trust],
          ['Seen', `${formatDay(contact.firstSeen)} to ${formatDay(contact.lastSeen)}`],
          ['Algorithms offered', contact.capabilities.length > 0 ? `${contact.capabilities.length} (S/MIME capabilities)` : 'none stated'],
        ]}
      />
      <div class="signet-actions">
        {contact.explicitlyTrusted ? (
          <button type="button" class="signet-danger" onClick={() => setTrust(false)} data-signet-action="untrust-contact">
            Stop trusting directly
          </button>
        ) : confirmingTrust ? (
          <>
            <span>Trust this certificate whoever issued it? Compare its fingerprint with one the sender gave you first.</span>
            <button type="button" onClick={() => setTrust(true)} data-signet-action="confirm-trust-contact">
              Trust
            </button>
            <button type="button" onClick={() => setConfirmingTrust(false)} data-signet-action="cancel-trust-contact">
              Cancel
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirmingTrust(true)} data-signet-action="trust-contact">
            Trust directly…
          </button>
        )}
      </div>
      <ErrorBanner message={action.failure?.message} code={action.failure?.code} />
    </li>
  );
}

function describeStatus(status: ContactSummary['lastStatus']): string {
  switch (status) {
    case 'valid':
      return 'issued under a root you trust';
    case 'weak':
      return 'trusted, but weak algorithm or key';
    case 'untrusted':
      return 'not trusted (no root you trust issued it)';
    case 'mismatch':
      return 'seen signing mail with someone else’s From address';
    default:
      return 'unknown';
  }
}

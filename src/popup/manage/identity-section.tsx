import type { IdentitySummary } from '../../shared/protocol';
import { IdentityCard } from './identity-card';
import { ImportDigitalIdForm } from './import-digital-id-form';

/** "Your digital IDs": the import form and one card per identity. */
export function IdentitySection({ identities, onChanged }: { identities: IdentitySummary[]; onChanged: () => Promise<void> }) {
  return (
    <section data-signet-section="identities" aria-labelledby="signet-identities-heading">
      <h2 id="signet-identities-heading">Your digital IDs</h2>
      <p class="signet-hint">
        A digital ID is the .p12 or .pfx file your certificate authority (or your IT department) gave you. Signet keeps its
        private key inside the browser, where no web page can read it.
      </p>
      <ImportDigitalIdForm onImported={onChanged} />
      {identities.length === 0 ? (
        <p data-signet-empty="identities">No digital ID imported yet.</p>
      ) : (
        <ul class="signet-cards" data-signet-list="identities">
          {identities.map((identity) => (
            <IdentityCard key={identity.id} identity={identity} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendRequest, type IdentitySummary, type TrustAnchorSummary } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { ComposeSettingsSection } from './compose-settings-section';
import { ContactSection } from './contact-section';
import { EvidenceSection } from './evidence-section';
import { IdentitySection } from './identity-section';
import { SiteSection } from './site-section';
import { RevocationSection } from './revocation-section';
import { TrustAnchorSection } from './trust-anchor-section';
import { useFailure } from './use-failure';

/**
 * The management page (the manifest's options_page): digital IDs and trust anchors. Every change
 * goes through the background (the only holder of keys); the page only shows summaries.
 */
export function ManageApp() {
  const [identities, setIdentities] = useState<IdentitySummary[] | undefined>(undefined);
  const [anchors, setAnchors] = useState<TrustAnchorSummary[] | undefined>(undefined);
  const loadFailure = useFailure();

  const reload = useCallback(async () => {
    await loadFailure.attempt(async () => {
      const [nextIdentities, nextAnchors] = await Promise.all([sendRequest('listIdentities', {}), sendRequest('listTrustAnchors', {})]);
      setIdentities(nextIdentities);
      setAnchors(nextAnchors);
    });
  }, []);

  useEffect(() => void reload(), [reload]);

  return (
    <main data-signet-page="manage" data-signet-loaded={identities !== undefined && anchors !== undefined ? 'true' : 'false'}>
      <h1>Signet</h1>
      <ErrorBanner message={loadFailure.failure?.message} code={loadFailure.failure?.code} />
      <IdentitySection identities={identities ?? []} onChanged={reload} />
      <TrustAnchorSection anchors={anchors ?? []} onChanged={reload} />
      <SiteSection />
      <ComposeSettingsSection identities={identities ?? []} />
      <RevocationSection />
      <ContactSection />
      <EvidenceSection />
    </main>
  );
}

/**
 * The DOM hooks the badge host carries for each state (DESIGN.md "Contracts": stable, renaming one
 * is a breaking change). `data-signet-status` appears only once Signet has a verdict: while it
 * checks, or while an encrypted message waits to be decrypted, there is no status to give.
 */
import type { BadgeState } from './badge-view';
import { describeVerdict } from './describe-verdict';

export function badgeHooks(state: BadgeState): Record<string, string> {
  switch (state.kind) {
    case 'checking':
      return { 'data-signet-checking': '' };
    case 'encrypted':
      return { 'data-signet-encrypted': '' };
    case 'failed':
      return { 'data-signet-error': state.message };
    case 'verdict': {
      const hooks: Record<string, string> = {
        'data-signet-status': state.verdict.status,
        'data-signet-signer': describeVerdict(state.verdict).signerAddress,
      };
      if (state.decrypted) hooks['data-signet-encrypted'] = 'decrypted';
      return hooks;
    }
  }
}

/**
 * The platform pieces the background's revocation checking needs: the service worker's `fetch`
 * and `chrome.permissions`. `background/index.ts` provides them at start-up; until then (and in
 * Node unit tests of other handlers) verification stays offline: only cached and given data.
 */
import type { PlatformFetch } from '../../crypto/x509/revocation/fetch-bytes';
import type { HostPermissionCheck } from './host-permission-gate';

export interface RevocationNetwork {
  fetch: PlatformFetch;
  permissions: HostPermissionCheck;
}

let configured: RevocationNetwork | undefined;

export function provideRevocationNetwork(network: RevocationNetwork | undefined): void {
  configured = network;
}

export function revocationNetwork(): RevocationNetwork | undefined {
  return configured;
}

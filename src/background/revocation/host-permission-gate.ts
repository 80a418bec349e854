/**
 * Signet reaches CRL, OCSP and caIssuers servers only where the person let it (DESIGN.md security
 * model 6: optional host permissions). Without the permission the service worker's fetch would be
 * a CORS request that the servers don't answer for, so it is not even tried: the fetch fails with
 * `host-permission-missing`, the engine reports the revocation as unknown, and the origin is
 * remembered so the management page can ask for exactly it.
 */
import { SignetError } from '../../shared/errors';
import type { FetchBytes } from '../../crypto/x509/revocation/fetch-bytes';

/** The part of `chrome.permissions` the background reads (injected, so it is tested in Node). */
export interface HostPermissionCheck {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * The match pattern of an URL's origin as `chrome.permissions` takes it: scheme and host, any
 * port and path (a pattern with a port is not valid in Chrome's permissions API).
 */
export function originPatternOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

export function gateFetchByHostPermission(
  inner: FetchBytes,
  permissions: HostPermissionCheck,
  onRefused: (originPattern: string) => void,
): FetchBytes {
  return async (url, init) => {
    let pattern: string;
    try {
      pattern = originPatternOf(url);
    } catch {
      throw new SignetError('network-failed', `${url} is not a URL Signet can fetch`);
    }
    if (!(await permissions.contains({ origins: [pattern] }))) {
      onRefused(pattern);
      throw new SignetError('host-permission-missing', `Revocation not checked: permission not granted for ${pattern}`);
    }
    return inner(url, init);
  };
}

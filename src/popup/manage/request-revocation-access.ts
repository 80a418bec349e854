/**
 * Asking for the host permissions revocation checking needs (DESIGN.md security model 6). Chrome
 * grants optional host permissions only from `permissions.request` called in the handler of a
 * user action on an extension page (and under puppeteer's headless Chromium the prompt is never
 * answered), so this is the one small run-time path, with its decisions here and unit-tested
 * against an injected permissions API.
 */
export interface PermissionRequests {
  /** Must be called before any `await` in the click handler: the user gesture does not survive one. */
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/** Every plain-HTTP server: CRLs, OCSP and CA certificates are served over http (RFC 5280 §4.2.1.13). */
export const EVERY_REVOCATION_SERVER = 'http://*/*';

export type AccessOutcome =
  | { kind: 'granted'; origins: string[] }
  | { kind: 'declined'; origins: string[] }
  | { kind: 'failed'; origins: string[]; message: string };

/**
 * The origins to ask for: those a verification needed and may not reach yet, or, when none is
 * known (nothing verified yet), every HTTP server.
 */
export function originsToRequest(origins: { origin: string; granted: boolean }[]): string[] {
  const missing = origins.filter((entry) => !entry.granted).map((entry) => entry.origin);
  return missing.length > 0 ? missing : [EVERY_REVOCATION_SERVER];
}

/** Starts the request synchronously (keeping the user gesture), then says what came of it. */
export function requestRevocationAccess(permissions: PermissionRequests, origins: string[]): Promise<AccessOutcome> {
  let pending: Promise<boolean>;
  try {
    pending = permissions.request({ origins });
  } catch (error) {
    return Promise.resolve({ kind: 'failed', origins, message: describe(error) });
  }
  return pending.then(
    (granted): AccessOutcome => (granted ? { kind: 'granted', origins } : { kind: 'declined', origins }),
    (error: unknown): AccessOutcome => ({ kind: 'failed', origins, message: describe(error) }),
  );
}

/** The sentence shown after the person answered the browser's prompt. */
export function describeAccessOutcome(outcome: AccessOutcome): string {
  switch (outcome.kind) {
    case 'granted':
      return 'Allowed: Signet now checks revocation with these servers. Open a message again to see its revocation checked.';
    case 'declined':
      return 'You declined: revocation is not checked for certificates from these servers. Their messages say “Revocation not checked: permission not granted”.';
    case 'failed':
      return `The browser did not ask: ${outcome.message}`;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

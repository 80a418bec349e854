import { useState } from 'preact/hooks';
import { isSignetError } from '../../shared/errors';
import { describeFailure } from '../shared/error-message';

export interface Failure {
  code: string;
  message: string;
}

/** Runs an action and keeps its failure (if any) to show in `[data-signet-error]`. */
export function useFailure() {
  const [failure, setFailure] = useState<Failure | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  async function attempt(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
      return true;
    } catch (error) {
      setFailure({ code: isSignetError(error) ? error.code : 'internal-error', message: describeFailure(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { failure, busy, attempt, clear: () => setFailure(undefined) };
}

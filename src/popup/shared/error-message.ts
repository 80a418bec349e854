import { isSignetError } from '../../shared/errors';

/** The text a person sees for a failure: the SignetError's message, which names what to do. */
export function describeFailure(error: unknown): string {
  if (isSignetError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

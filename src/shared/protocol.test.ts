import { describe, expect, it } from 'vitest';
import { isSignetError } from './errors';
import { PRIVILEGED_REQUESTS, isRequestName, unwrapResponse } from './protocol';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('the protocol envelope', () => {
  it('hands back the value of a good answer', () => {
    expect(unwrapResponse<number[]>({ ok: true, value: [1, 2] })).toEqual([1, 2]);
  });

  it('turns an error answer back into a SignetError with the same code and message', () => {
    const error = thrown(() => unwrapResponse({ ok: false, error: { code: 'wrong-password', message: 'The password is wrong.' } }));
    expect(isSignetError(error, 'wrong-password')).toBe(true);
    expect(error instanceof Error && error.message).toBe('The password is wrong.');
  });

  it('reports no answer at all (no listener, a closed worker) as internal-error, not as a value', () => {
    for (const answer of [undefined, null, 'ok', { ok: true }, { ok: false }]) {
      expect(isSignetError(thrown(() => unwrapResponse(answer)), 'internal-error'), JSON.stringify(answer)).toBe(true);
    }
  });

  it('knows only its own request names, not inherited object properties', () => {
    expect(isRequestName('importPkcs12')).toBe(true);
    expect(isRequestName('constructor')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
    expect(isRequestName(42)).toBe(false);
    expect(PRIVILEGED_REQUESTS.has('signMessage')).toBe(true);
    expect(PRIVILEGED_REQUESTS.has('verifyMessage')).toBe(false);
  });
});

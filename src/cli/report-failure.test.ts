import { describe, expect, it } from 'vitest';
import { SignetError } from '../shared/errors';
import { UsageError } from './arguments';
import { InputError } from './input-files';
import { describeFailure } from './report-failure';

describe('one exit-code rule and one line for every failed command', () => {
  it('a mistyped option is a usage error: exit 2, with where to find help', () => {
    expect(describeFailure('p12', new UsageError('unknown option --pasword'))).toEqual({
      line: 'smime p12: unknown option --pasword (try "smime p12 --help")',
      exitCode: 2,
    });
  });

  it('a wrong password is input that cannot be processed: exit 3, the code in brackets', () => {
    expect(describeFailure('p12', new SignetError('wrong-password', 'The password is wrong.'))).toEqual({
      line: 'smime p12: The password is wrong. [wrong-password]',
      exitCode: 3,
    });
  });

  it('a missing file is exit 3 too, whichever command reads it', () => {
    for (const command of ['verify', 'p12']) {
      expect(describeFailure(command, new InputError('message /tmp/missing.eml does not exist'))).toEqual({
        line: `smime ${command}: message /tmp/missing.eml does not exist`,
        exitCode: 3,
      });
    }
  });

  it('a message naming several recipients over several lines stays one line', () => {
    const failure = describeFailure('decrypt', new SignetError('not-a-recipient', 'not addressed to you; recipients:\n  serial 1000\n  serial 1001'));
    expect(failure.line).toBe('smime decrypt: not addressed to you; recipients: serial 1000 serial 1001 [not-a-recipient]');
  });

  it("a library's surprise is an unexpected error, exit 3, without its stack", () => {
    const failure = describeFailure('verify', new TypeError('Cannot read properties of undefined'));
    expect(failure).toEqual({ line: 'smime verify: unexpected error: Cannot read properties of undefined', exitCode: 3 });
  });
});

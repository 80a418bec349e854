import { describe, expect, it } from 'vitest';
import { parseArguments, requiredValue, singleValue, UsageError } from './arguments';

describe('reading a command line', () => {
  it('keeps every value of a repeated option, in order, in both spellings', () => {
    const parsed = parseArguments(['mail.eml', '--trust', 'a.pem', '--trust=b.pem', '--offline'], { values: ['trust'], flags: ['offline'] });
    expect(parsed.positionals).toEqual(['mail.eml']);
    expect(parsed.values.get('trust')).toEqual(['a.pem', 'b.pem']);
    expect(parsed.flags.has('offline')).toBe(true);
  });

  it('takes a value that looks like an option when it follows one, and anything after -- as positional', () => {
    const parsed = parseArguments(['--password', '--secret--', '--', '--not-an-option'], { values: ['password'] });
    expect(singleValue(parsed, 'password')).toBe('--secret--');
    expect(parsed.positionals).toEqual(['--not-an-option']);
  });

  it('an empty password is a value, not a missing one', () => {
    expect(requiredValue(parseArguments(['--password', ''], { values: ['password'] }), 'password')).toBe('');
  });

  it('unknown options, missing values, repeats of single options and wrong positional counts are usage errors', () => {
    expect(() => parseArguments(['--frob'], { values: ['trust'] })).toThrow(UsageError);
    expect(() => parseArguments(['--trust'], { values: ['trust'] })).toThrow(/needs a value/);
    expect(() => parseArguments(['--offline=yes'], { flags: ['offline'] })).toThrow(UsageError);
    expect(() => singleValue(parseArguments(['--at', '1', '--at', '2'], { values: ['at'] }), 'at')).toThrow(/only once/);
    expect(() => requiredValue(parseArguments([], { values: ['password'] }), 'password')).toThrow(/required/);
    expect(() => parseArguments(['a', 'b'], { positionals: { minimum: 1, maximum: 1, name: 'FILE' } })).toThrow(/expected 1 FILE, got 2/);
  });
});

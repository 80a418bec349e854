import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { InputError, readInputFile } from './input-files';

describe('reading a file named on the command line', () => {
  it('a missing, oversized or non-file input is one readable InputError', () => {
    expect(() => readInputFile('/nonexistent/jethro.p12', 'digital ID', 100)).toThrow(new InputError('digital ID /nonexistent/jethro.p12 does not exist'));
    expect(() => readInputFile(mkdtempSync(`${tmpdir()}/signet-`), 'message', 100)).toThrow(/is not a file/);
    expect(() => readInputFile(new URL(import.meta.url).pathname, 'message', 10)).toThrow(/at most 10/);
  });
});

/**
 * Reading what `verify` and `sign` are given on the command line: option lists, certificate and
 * CRL files (PEM holding one or several, or DER), a digital ID. Every failure is a SignetError or
 * a UsageError with one line for people.
 */
import { readFileSync, statSync } from 'node:fs';
import { SignetError } from '../../shared/errors';
import { decodePemBlocks, looksLikePem } from '../../crypto/encoding/index';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedOptions {
  positionals: string[];
  /** Every value of each option, in order. */
  values: Map<string, string[]>;
  flags: Set<string>;
}

/** `--name value` and `--name=value` for value options; bare `--name` for flags. */
export function parseOptions(args: string[], valueOptions: readonly string[], flagOptions: readonly string[]): ParsedOptions {
  const parsed: ParsedOptions = { positionals: [], values: new Map(), flags: new Set() };
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index];
    if (!argument.startsWith('--') || argument === '--') {
      parsed.positionals.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(2, equals) : argument.slice(2);
    if (flagOptions.includes(name) && equals < 0) {
      parsed.flags.add(name);
    } else if (valueOptions.includes(name)) {
      const value = equals > 0 ? argument.slice(equals + 1) : args[++index];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option ${argument}`);
    }
  }
  return parsed;
}

export function singleValue(options: ParsedOptions, name: string): string | undefined {
  const values = options.values.get(name) ?? [];
  if (values.length > 1) throw new UsageError(`--${name} may be given only once`);
  return values[0];
}

/** Reads a file the user named; input files are capped so a wrong path to a huge file fails fast. */
export function readInputFile(path: string, what: string, maximumBytes = 512 * 1024 * 1024): Uint8Array {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new UsageError(`${what} ${path} is not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  if (size > maximumBytes) throw new UsageError(`${what} ${path} is larger than ${maximumBytes} bytes`);
  return new Uint8Array(readFileSync(path));
}

/** Certificates from a PEM file (any number of CERTIFICATE blocks) or one DER certificate. */
export function readCertificateFile(path: string): Uint8Array[] {
  return readDerOrPem(path, 'CERTIFICATE', 'certificate', 'malformed-certificate');
}

/** CRLs from a PEM file (X509 CRL blocks) or one DER CRL. */
export function readCrlFile(path: string): Uint8Array[] {
  return readDerOrPem(path, 'X509 CRL', 'CRL', 'malformed-crl');
}

function readDerOrPem(path: string, label: string, what: string, code: 'malformed-certificate' | 'malformed-crl'): Uint8Array[] {
  const bytes = readInputFile(path, `${what} file`, 64 * 1024 * 1024);
  if (!looksLikePem(bytes)) {
    if (bytes[0] !== 0x30) throw new SignetError(code, `${path} is neither PEM nor a DER ${what}`);
    return [bytes];
  }
  let blocks;
  try {
    blocks = decodePemBlocks(new TextDecoder().decode(bytes), label);
  } catch (error) {
    throw new SignetError(code, `${path}: ${(error as Error).message}`);
  }
  if (blocks.length === 0) throw new SignetError(code, `${path} holds no ${label} block`);
  return blocks.map((block) => block.der);
}

/** Reports an error in one line and returns the exit code (2 usage, 3 input that can't be processed). */
export function reportFailure(command: string, error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`smime ${command}: ${error.message} (try --help)\n`);
    return 2;
  }
  if (error instanceof SignetError) {
    process.stderr.write(`smime ${command}: ${error.message.replace(/\s+/g, ' ')} [${error.code}]\n`);
    return 3;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`smime ${command}: unexpected error: ${message.replace(/\s+/g, ' ')}\n`);
  return 3;
}

/**
 * A small command-line parser for `smime` commands: positionals, `--name value` / `--name=value`
 * options that may repeat (`--trust A --trust B`), bare `--flag`s, and `--` before positionals
 * that start with `--`. Every command uses it; anything unknown is a `UsageError` (exit 2), so a
 * typo never silently changes what a command does.
 */

/** The command line itself is wrong (unknown option, missing value or argument): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ArgumentSpec {
  /** Options that take a value; each may be given several times. */
  values?: readonly string[];
  flags?: readonly string[];
  /** How many positionals the command takes (default: any number). */
  positionals?: { minimum: number; maximum: number; name: string };
}

export interface ParsedArguments {
  positionals: string[];
  /** Every value of each option, in the order given. */
  values: Map<string, string[]>;
  flags: Set<string>;
}

export function parseArguments(args: readonly string[], spec: ArgumentSpec): ParsedArguments {
  const parsed: ParsedArguments = { positionals: [], values: new Map(), flags: new Set() };
  const valueOptions = spec.values ?? [];
  const flagOptions = spec.flags ?? [];
  let onlyPositionals = false;
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    if (onlyPositionals || !argument.startsWith('--')) {
      parsed.positionals.push(argument);
      continue;
    }
    if (argument === '--') {
      onlyPositionals = true;
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(2, equals) : argument.slice(2);
    if (valueOptions.includes(name)) {
      const value = equals > 0 ? argument.slice(equals + 1) : args[++index];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else if (flagOptions.includes(name) && equals < 0) {
      parsed.flags.add(name);
    } else {
      throw new UsageError(`unknown option ${equals > 0 ? argument.slice(0, equals) : argument}`);
    }
  }
  const expected = spec.positionals;
  // `--help` is answered whatever else is (or isn't) given.
  if (expected !== undefined && !parsed.flags.has('help') && (parsed.positionals.length < expected.minimum || parsed.positionals.length > expected.maximum)) {
    const count = expected.minimum === expected.maximum ? `${expected.minimum}` : `${expected.minimum} to ${expected.maximum}`;
    throw new UsageError(`expected ${count} ${expected.name}, got ${parsed.positionals.length}`);
  }
  return parsed;
}

/** The one value of an option that may not repeat, or undefined when absent. */
export function singleValue(parsed: ParsedArguments, name: string): string | undefined {
  const values = parsed.values.get(name);
  if (values === undefined) return undefined;
  if (values.length > 1) throw new UsageError(`--${name} may be given only once`);
  return values[0];
}

export function requiredValue(parsed: ParsedArguments, name: string): string {
  const value = singleValue(parsed, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

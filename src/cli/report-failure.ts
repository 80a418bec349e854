/**
 * The one place a failed `smime` command is reported: one line on stderr, never a stack trace
 * (DESIGN.md, CLI contract), and the exit code of the rule in `exit-status.ts`.
 *
 *   smime <command>: <message> (try "smime <command> --help")   usage error, exit 2
 *   smime <command>: <message> [<code>]                         SignetError, exit 3
 *   smime <command>: <message>                                  unreadable file, exit 3
 *   smime <command>: unexpected error: <message>                anything else, exit 3
 */
import { isSignetError } from '../shared/errors';
import { UsageError } from './arguments';
import { EXIT_UNPROCESSABLE, EXIT_USAGE } from './exit-status';
import { InputError } from './input-files';

/** Writes the line and returns the exit code; `command` is undefined before one is chosen. */
export function reportFailure(command: string | undefined, error: unknown): number {
  const failure = describeFailure(command, error);
  process.stderr.write(`${failure.line}\n`);
  return failure.exitCode;
}

export function describeFailure(command: string | undefined, error: unknown): { line: string; exitCode: number } {
  const prefix = command === undefined ? 'smime' : `smime ${command}`;
  if (error instanceof UsageError) {
    const help = command === undefined ? 'smime --help' : `smime ${command} --help`;
    return { line: `${prefix}: ${oneLine(error.message)} (try "${help}")`, exitCode: EXIT_USAGE };
  }
  if (isSignetError(error)) return { line: `${prefix}: ${oneLine(error.message)} [${error.code}]`, exitCode: EXIT_UNPROCESSABLE };
  if (error instanceof InputError) return { line: `${prefix}: ${oneLine(error.message)}`, exitCode: EXIT_UNPROCESSABLE };
  const message = error instanceof Error ? error.message : String(error);
  return { line: `${prefix}: unexpected error: ${oneLine(message)}`, exitCode: EXIT_UNPROCESSABLE };
}

/** One line for people: a message's line breaks (a recipient list, a library's text) become spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

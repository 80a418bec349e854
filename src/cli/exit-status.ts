/**
 * The one exit-code rule of every `smime` command (DESIGN.md, CLI contract), so scripts can tell
 * "the message is not valid" from "you called me wrong" from "I could not read that".
 */

/** The command did what it was asked; for `verify`, the verdict is `valid`. */
export const EXIT_SUCCESS = 0;
/** `verify` only: the verdict is anything but `valid` (the verdict JSON is still printed). */
export const EXIT_NOT_VALID = 1;
/** A usage error: unknown option, missing value or argument. */
export const EXIT_USAGE = 2;
/** Input that can't be processed: an unreadable file, malformed input, a wrong password, not a recipient, an unexpected error. */
export const EXIT_UNPROCESSABLE = 3;

/**
 * The "Exit status" paragraph of a command's `--help`: the command says what its own successes
 * (and, for verify, its verdicts) mean; usage errors and unprocessable input read the same everywhere.
 */
export function describeExitStatus(outcomes: string): string {
  return `Exit status: ${outcomes}; 2 a usage error (unknown option, missing value or
argument); 3 input that can't be processed (unreadable file, malformed input, wrong password,
not a recipient, unexpected error).`;
}

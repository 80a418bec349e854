/**
 * `npm run --silent smime -- <command> ...`: a command line over `src/crypto` for interop tests,
 * benchmarks and administrators (DESIGN.md, CLI contract). Each command is a file in `commands/`
 * exporting `run(args): Promise<number>` (the exit code); registering one is one line below.
 * Commands throw what goes wrong; `report-failure.ts` turns it into one line on stderr, never a
 * stack trace.
 *
 * Exit status, the same for every command (`exit-status.ts`, and each command's `--help`):
 *   0  success (for verify: the verdict is `valid`)
 *   1  verify's verdict is anything else (invalid, revoked, expired, untrusted, ...)
 *   2  a usage error: unknown command or option, missing value or argument
 *   3  input that can't be processed: a file that can't be read, malformed input, a wrong
 *      password, not a recipient, an unexpected error
 * Each error line reads `smime <command>: <message>`, followed by `[<code>]` for a SignetError.
 */
import { UsageError } from './arguments';
import { EXIT_SUCCESS, EXIT_USAGE } from './exit-status';
import { reportFailure } from './report-failure';

interface Command {
  run(args: string[]): Promise<number>;
}

/** Loaded on demand, so one command's dependencies never slow or break another. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  decrypt: () => import('./commands/decrypt'),
  encrypt: () => import('./commands/encrypt'),
  p12: () => import('./commands/p12'),
  sign: () => import('./commands/sign'),
  verify: () => import('./commands/verify'),
};

const COMMAND_NAMES = Object.keys(COMMANDS).sort().join(', ');

const USAGE = `Usage: smime <command> [arguments]

Commands: ${COMMAND_NAMES}
Run "smime <command> --help" where a command offers help.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_SUCCESS;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) return reportFailure(undefined, new UsageError(`unknown command "${name}" (commands: ${COMMAND_NAMES})`));
  try {
    const command = await load();
    return await command.run(args);
  } catch (error) {
    return reportFailure(name, error);
  }
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.exitCode = reportFailure(undefined, error);
  },
);

/**
 * `npm run --silent smime -- <command> ...`: a command line over `src/crypto` for interop tests,
 * benchmarks and administrators (DESIGN.md, CLI contract). Each command is a file in `commands/`
 * exporting `run(args): Promise<number>` (the exit code); registering one is one line below.
 *
 * Errors are one line on stderr, never a stack trace: a usage error exits 2, anything else 1.
 */
import { isSignetError } from '../shared/errors';
import { InputError, UsageError } from './arguments';

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

const USAGE = `Usage: smime <command> [arguments]

Commands: ${Object.keys(COMMANDS).sort().join(', ')}
Run "smime <command> --help" where a command offers help.
`;

/** One line for people: the message without line breaks. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function describeFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof UsageError) return { line: `smime: ${oneLine(error.message)} (see "smime --help")`, exitCode: 2 };
  if (isSignetError(error) || error instanceof InputError) return { line: `smime: ${oneLine(error.message)}`, exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  return { line: `smime: unexpected error: ${oneLine(message)}`, exitCode: 1 };
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    process.stderr.write(`smime: unknown command "${oneLine(name)}" (commands: ${Object.keys(COMMANDS).sort().join(', ')})\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(args);
  } catch (error) {
    const failure = describeFailure(error);
    process.stderr.write(`${failure.line}\n`);
    return failure.exitCode;
  }
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error).line}\n`);
    process.exitCode = 1;
  },
);

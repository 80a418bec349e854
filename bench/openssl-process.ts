/**
 * Runs `openssl` as a process and measures it three ways: wall clock around the whole process
 * (from the parent), CPU time (user + system, from bash's `times` for its child: millisecond
 * resolution, and robust when the machine is busy), and peak memory (`/usr/bin/time`'s maximum
 * resident set size, from getrusage of the child).
 */
import { spawnSync } from 'node:child_process';

export interface ProcessMeasurement {
  milliseconds: number;
  cpuMilliseconds: number;
  maxRssBytes: number;
}

const TIME = '/usr/bin/time';
/** bash runs openssl, then prints its children's CPU times (`times`, second line) on stderr. */
const WRAPPER = 'openssl "$@" > /dev/null; status=$?; times >&2; exit $status';

function secondsOf(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  if (!match) throw new Error(`Unreadable time ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function runOpenssl(args: string[]): ProcessMeasurement {
  const started = process.hrtime.bigint();
  const result = spawnSync(TIME, ['-f', 'signet-bench-maxrss=%M', 'bash', '-c', WRAPPER, 'openssl', ...args], {
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  const stderr = result.stderr?.toString('utf8') ?? '';
  if (result.error) throw new Error(`openssl ${args[0]} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed (${result.status}): ${stderr.trim()}`);
  const memory = /signet-bench-maxrss=(\d+)/.exec(stderr);
  const lines = stderr.split('\n').filter((line) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(line.trim()));
  const children = lines.at(-1)?.trim().split(' ');
  if (!memory || !children) throw new Error(`No resource usage reported for openssl ${args[0]}: ${stderr.trim()}`);
  return {
    milliseconds,
    cpuMilliseconds: (secondsOf(children[0]) + secondsOf(children[1])) * 1000,
    maxRssBytes: Number(memory[1]) * 1024,
  };
}

/** Runs openssl for its side effect (preparing inputs, checking Signet's output); throws on failure. */
export function opensslOrThrow(args: string[]): void {
  const result = spawnSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr?.toString('utf8').trim()}`);
}

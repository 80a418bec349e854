/** Starts the Signet worker (signet-worker.ts) in a fresh Node process and reads its one JSON line. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPOSITORY } from './fixtures';
import type { Operation } from './operations';

export interface WorkerMeasurement {
  timesMs: number[];
  cpuMs: number[];
  maxRssBytes: number;
}

export function runSignetWorker(operation: Operation, input: string, runs: number, warmup: string, output?: string): WorkerMeasurement {
  const args = ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', join(REPOSITORY, 'bench/signet-worker.ts'), operation, input, String(runs), warmup];
  if (output) args.push(output);
  const result = spawnSync(process.execPath, args, { cwd: REPOSITORY, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`Signet ${operation} failed: ${(result.stderr || result.error?.message || '').trim()}`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as WorkerMeasurement;
}

/** Peak resident memory of a Node process that does nothing (`node -e 0`), for reference. */
export function measureBareNode(): number {
  const result = spawnSync('/usr/bin/time', ['-f', 'signet-bench-maxrss=%M', process.execPath, '-e', '0'], { encoding: 'utf8' });
  const match = /signet-bench-maxrss=(\d+)/.exec(result.stderr);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

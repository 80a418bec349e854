/**
 * The in-process comparison (issue 7, item 1): for each size and operation, Signet in a worker
 * process (medians of several runs, peak memory above the same worker without a message) and
 * `openssl cms` on the same input files, each run paired with an `openssl version` run (OpenSSL's
 * start-up, measured right beside it so the machine's load is the same for both).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSignetOutput } from './check-outputs';
import { prepareInputs, type InputFiles } from './bench-inputs';
import { OPENSSL_STARTUP_ARGUMENTS, opensslArguments } from './openssl-commands';
import { runOpenssl } from './openssl-process';
import { INPUT_OF, type Operation } from './operations';
import { runSignetWorker } from './signet-process';
import { median, roundTo } from './statistics';

export interface BenchRow {
  operation: Operation;
  /** Size of the plain message. */
  sizeBytes: number;
  /** Signet's median wall time, in-process (no process start-up). */
  signetMs: number;
  /** OpenSSL's median wall time, the whole process. */
  opensslMs: number;
  /** OpenSSL's median start-up (`openssl version`) during these runs. */
  opensslStartupMs: number;
  /** opensslMs - opensslStartupMs: the work itself. */
  opensslNetMs: number;
  /** signetMs / opensslNetMs: the ratio the targets are about. */
  ratio: number;
  /** signetMs / opensslMs: against the whole OpenSSL process. */
  ratioWithStartup: number;
  /** CPU time (user + system), Signet's process and OpenSSL's net of its start-up's. */
  signetCpuMs: number;
  opensslCpuMs: number;
  cpuRatio: number;
  /** Signet's peak resident memory above the same worker process run without a message. */
  peakMemoryMB: number;
  /** OpenSSL's peak resident memory above its own start-up. */
  opensslPeakMemoryMB: number;
  /** Size of the file the operation read (a signed or encrypted message is bigger than the plain one). */
  inputBytes: number;
  runs: number;
}

export interface StartupFigures {
  opensslStartupMs: number;
  opensslStartupRssBytes: number;
}

const MEGABYTE = 1024 * 1024;
/** A floor for OpenSSL's net time, so a tiny job doesn't divide by (almost) nothing. */
const SMALLEST_NET_MS = 0.5;

export function measureOpensslStartup(): StartupFigures {
  const samples = Array.from({ length: 9 }, () => runOpenssl(OPENSSL_STARTUP_ARGUMENTS));
  return {
    opensslStartupMs: median(samples.map((sample) => sample.milliseconds)),
    opensslStartupRssBytes: median(samples.map((sample) => sample.maxRssBytes)),
  };
}

export interface NodeBenchOptions {
  sizes: number[];
  operations: readonly Operation[];
  runsFor(size: number): number;
  log(line: string): void;
}

export function runNodeBench(options: NodeBenchOptions, startup: StartupFigures): BenchRow[] {
  const workDirectory = mkdtempSync(join(tmpdir(), 'signet-bench-'));
  try {
    const warmups = prepareInDirectory(join(workDirectory, 'warmup'), 10 * 1024);
    const baselines = new Map<Operation, number>();
    for (const operation of options.operations) {
      const input = warmups[INPUT_OF[operation]];
      baselines.set(operation, runSignetWorker(operation, input, 0, input).maxRssBytes);
    }
    const rows: BenchRow[] = [];
    for (const size of options.sizes) {
      const directory = join(workDirectory, `size-${size}`);
      options.log(`Preparing ${formatSize(size)} inputs with openssl...`);
      const inputs = prepareInDirectory(directory, size);
      const runs = options.runsFor(size);
      for (const operation of options.operations) {
        const input = inputs[INPUT_OF[operation]];
        options.log(`  ${operation} at ${formatSize(size)} (${runs} runs)...`);
        const signetOutput = join(directory, `${operation}.signet`);
        const signet = runSignetWorker(operation, input, runs, warmups[INPUT_OF[operation]], signetOutput);
        const opensslOutput = join(directory, `${operation}.openssl`);
        const pairs = Array.from({ length: runs }, () => ({
          startup: runOpenssl(OPENSSL_STARTUP_ARGUMENTS),
          work: runOpenssl(opensslArguments(operation, input, opensslOutput)),
        }));
        checkSignetOutput(operation, signetOutput, opensslOutput);
        rows.push(summarize(operation, statSync(inputs.plain).size, statSync(input).size, runs, signet, pairs, (baselines.get(operation) ?? 0), startup));
      }
      rmSync(directory, { recursive: true, force: true });
    }
    return rows;
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

type Pair = { startup: ReturnType<typeof runOpenssl>; work: ReturnType<typeof runOpenssl> };

function summarize(
  operation: Operation,
  sizeBytes: number,
  inputBytes: number,
  runs: number,
  signet: ReturnType<typeof runSignetWorker>,
  pairs: Pair[],
  baselineRssBytes: number,
  startup: StartupFigures,
): BenchRow {
  const signetMs = median(signet.timesMs);
  const signetCpuMs = median(signet.cpuMs);
  const opensslMs = median(pairs.map((pair) => pair.work.milliseconds));
  const opensslStartupMs = median(pairs.map((pair) => pair.startup.milliseconds));
  const opensslNetMs = Math.max(opensslMs - opensslStartupMs, SMALLEST_NET_MS);
  const opensslCpuMs = Math.max(median(pairs.map((pair) => pair.work.cpuMilliseconds)) - median(pairs.map((pair) => pair.startup.cpuMilliseconds)), SMALLEST_NET_MS);
  const opensslPeak = Math.max(...pairs.map((pair) => pair.work.maxRssBytes));
  return {
    operation,
    sizeBytes,
    signetMs: roundTo(signetMs, 1),
    opensslMs: roundTo(opensslMs, 1),
    opensslStartupMs: roundTo(opensslStartupMs, 1),
    opensslNetMs: roundTo(opensslNetMs, 1),
    ratio: roundTo(signetMs / opensslNetMs, 2),
    ratioWithStartup: roundTo(signetMs / opensslMs, 2),
    signetCpuMs: roundTo(signetCpuMs, 1),
    opensslCpuMs: roundTo(opensslCpuMs, 1),
    cpuRatio: roundTo(signetCpuMs / opensslCpuMs, 2),
    peakMemoryMB: roundTo(Math.max(0, signet.maxRssBytes - baselineRssBytes) / MEGABYTE, 1),
    opensslPeakMemoryMB: roundTo(Math.max(0, opensslPeak - startup.opensslStartupRssBytes) / MEGABYTE, 1),
    inputBytes,
    runs,
  };
}

function prepareInDirectory(directory: string, size: number): InputFiles {
  mkdirSync(directory, { recursive: true });
  return prepareInputs(directory, size);
}

export function formatSize(bytes: number): string {
  if (bytes >= MEGABYTE) return `${roundTo(bytes / MEGABYTE, 1)} MB`;
  return `${roundTo(bytes / 1024, 1)} KB`;
}

/**
 * `npm run bench [-- --large] [-- --json] [-- --browser] [-- --runs N] [-- --only OP,OP] [-- --sizes 10k,1m]`
 *
 * Issue 7: Signet's engine against `openssl cms` on the same inputs in the same run (sign,
 * verify, encrypt to RSA and EC, decrypt PKCS#1 v1.5 and OAEP) at 10 KB, 1 MB, 25 MB (and 50 MB
 * with --large); with --browser also the demo webmail in Chromium (open a message -> badge, and
 * the service worker's cold start). Prints a markdown table, or with --json one JSON array.
 */
import { loadavg } from 'node:os';
import { makeFixtures } from './fixtures';
import { measureOpensslStartup, runNodeBench, type BenchRow } from './node-bench';
import { OPERATIONS, isOperation, type Operation } from './operations';
import { formatBrowserTable, formatNodeTable } from './report';
import { measureBareNode } from './signet-process';
import type { BrowserRow } from './browser-bench';

interface Flags {
  large: boolean;
  json: boolean;
  browser: boolean;
  /** --browser builds the demo extension first unless --no-build. */
  build: boolean;
  runs?: number;
  operations: readonly Operation[];
  sizes?: number[];
  /** --no-node skips the OpenSSL comparison (e.g. only --browser). */
  node: boolean;
}

const KILOBYTE = 1024;
const MEGABYTE = 1024 * 1024;

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)b?$/i.exec(text.trim());
  if (!match) throw new Error(`Not a size: ${text} (e.g. 10k, 1m)`);
  const unit = match[2].toLowerCase() === 'm' ? MEGABYTE : match[2].toLowerCase() === 'k' ? KILOBYTE : 1;
  return Math.round(Number(match[1]) * unit);
}

function parseFlags(args: string[]): Flags {
  const flags: Flags = { large: false, json: false, browser: false, build: true, node: true, operations: OPERATIONS };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--large') flags.large = true;
    else if (arg === '--json') flags.json = true;
    else if (arg === '--browser') flags.browser = true;
    else if (arg === '--no-build') flags.build = false;
    else if (arg === '--no-node') flags.node = false;
    else if (arg === '--runs') flags.runs = Number(args[++index]);
    else if (arg === '--only') {
      const names = (args[++index] ?? '').split(',');
      for (const name of names) if (!isOperation(name)) throw new Error(`Unknown operation ${name}; known: ${OPERATIONS.join(', ')}`);
      flags.operations = names as Operation[];
    } else if (arg === '--sizes') flags.sizes = (args[++index] ?? '').split(',').map(parseSize);
    else throw new Error(`Unknown flag ${arg}. Flags: --large --json --browser --no-build --no-node --runs N --only OP,OP --sizes 10k,1m,25m`);
  }
  return flags;
}

/** 5 runs up to 1 MB; 3 at 25 MB and above, where one run of everything takes seconds. */
function defaultRuns(size: number): number {
  return size > 2 * MEGABYTE ? 3 : 5;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const loadAverage = loadavg();
  log('Making the fixture PKI (test/fixtures/make-fixtures.sh)...');
  makeFixtures();
  const sizes = flags.sizes ?? [10 * KILOBYTE, MEGABYTE, 25 * MEGABYTE, ...(flags.large ? [50 * MEGABYTE] : [])];
  log('Measuring OpenSSL start-up...');
  const startup = measureOpensslStartup();
  const bareNodeRssBytes = measureBareNode();
  const rows: BenchRow[] = flags.node ? runNodeBench({ sizes, operations: flags.operations, runsFor: (size) => flags.runs ?? defaultRuns(size), log }, startup) : [];
  // The table is printed before the browser part starts: a browser failure doesn't lose it.
  if (!flags.json && rows.length > 0) process.stdout.write(`${formatNodeTable(rows, startup, { loadAverage, bareNodeRssBytes })}\n`);
  let browserRows: BrowserRow[] = [];
  let browserFailure: string | undefined;
  if (flags.browser) {
    const { runBrowserBench } = await import('./browser-bench');
    try {
      browserRows = await runBrowserBench({ log, runs: flags.runs ?? 3, build: flags.build });
    } catch (error) {
      browserFailure = error instanceof Error ? error.message : String(error);
    }
  }
  if (flags.json) {
    const browserJson = browserRows.map((row) => ({
      operation: row.operation,
      sizeBytes: row.sizeBytes,
      signetMs: row.signetMs,
      opensslMs: null,
      ratio: null,
      peakMemoryMB: null,
      timesMs: row.timesMs,
      longestPageTaskMs: row.longestPageTaskMs,
      mainThread: row.mainThread,
      failedRuns: row.failedRuns,
    }));
    process.stdout.write(`${JSON.stringify([...rows, ...browserJson], null, 2)}\n`);
  } else {
    if (browserRows.length > 0) process.stdout.write(`\n${formatBrowserTable(browserRows)}\n`);
    process.stdout.write(`Load average at the end: ${loadavg().map((value) => value.toFixed(2)).join(', ')}\n`);
  }
  if (browserFailure) {
    process.stderr.write(`bench --browser failed: ${browserFailure}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

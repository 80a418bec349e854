/**
 * One Signet measurement in its own Node process, so its peak memory is its own:
 *
 *   node --expose-gc --import tsx bench/signet-worker.ts OPERATION INPUT RUNS WARMUP [OUTPUT]
 *
 * Imports the engine and the keys, runs OPERATION once on WARMUP (a small input: the JIT compiles
 * the code paths), then RUNS times on INPUT with a full garbage collection before each run (so
 * one run's garbage doesn't count against the next), and prints one JSON line: the times in
 * milliseconds (wall clock, and CPU time of the whole process: `process.cpuUsage()`, which counts
 * WebCrypto's and the garbage collector's threads too) and `process.resourceUsage().maxRSS` (the process's peak resident set). RUNS may be
 * 0: the same process without the message, the baseline the parent subtracts. The last result is
 * written to OUTPUT for the parent to check with OpenSSL.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isOperation } from './operations';
import { prepareSignetCall } from './signet-operations';

async function main(): Promise<void> {
  const [operation, inputPath, runsText, warmupPath, outputPath] = process.argv.slice(2);
  if (!operation || !isOperation(operation) || !inputPath || !warmupPath) throw new Error('usage: signet-worker OPERATION INPUT RUNS WARMUP [OUTPUT]');
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  if (!collectGarbage) throw new Error('run the worker with node --expose-gc');
  const runs = Number(runsText);
  const call = await prepareSignetCall(operation);
  await call(new Uint8Array(readFileSync(warmupPath)));
  collectGarbage();
  const timesMs: number[] = [];
  const cpuMs: number[] = [];
  let last: Uint8Array | undefined;
  if (runs > 0) {
    const file = readFileSync(inputPath);
    const raw = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    for (let run = 0; run < runs; run += 1) {
      last = undefined;
      collectGarbage();
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      last = await call(raw);
      const cpu = process.cpuUsage(cpuStarted);
      timesMs.push(performance.now() - started);
      cpuMs.push((cpu.user + cpu.system) / 1000);
    }
  }
  if (outputPath && last) writeFileSync(outputPath, last);
  process.stdout.write(`${JSON.stringify({ timesMs, cpuMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

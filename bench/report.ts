/** The printed table (markdown, so the README can take it as it is). */
import { availableParallelism } from 'node:os';
import type { BenchRow, StartupFigures } from './node-bench';
import { formatSize } from './node-bench';
import { OPERATION_TITLES } from './operations';
import type { BrowserRow } from './browser-bench';

const MEGABYTE = 1024 * 1024;

function cell(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

export function formatNodeTable(rows: BenchRow[], startup: StartupFigures, context: { loadAverage: number[]; bareNodeRssBytes: number }): string {
  const lines = [
    `Load average at the start: ${context.loadAverage.map((value) => value.toFixed(2)).join(', ')} (${navigatorCores()} cores).`,
    `OpenSSL start-up (\`openssl version\`, median of 9 before the runs): ${startup.opensslStartupMs.toFixed(1)} ms, ${(startup.opensslStartupRssBytes / MEGABYTE).toFixed(1)} MB resident; ` +
      'each OpenSSL run below is paired with an `openssl version` run, and "start-up" is their median.',
    `Bare Node (\`node -e 0\`): ${(context.bareNodeRssBytes / MEGABYTE).toFixed(1)} MB resident. Signet's peak is above the same worker process run without the message (Node + tsx + engine + keys).`,
    'ratio = Signet ms / (OpenSSL ms - start-up ms), the targeted figure; "w/ start-up" = Signet / whole OpenSSL process;',
    '"CPU ratio" = Signet CPU (user+sys, whole process) / OpenSSL CPU minus its start-up CPU (robust under load).',
    '',
    '| operation | size | runs | Signet ms | OpenSSL ms | start-up ms | ratio | w/ start-up | Signet CPU ms | OpenSSL CPU ms | CPU ratio | Signet peak MB | x message | OpenSSL peak MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const times = row.peakMemoryMB / (row.sizeBytes / MEGABYTE);
    lines.push(
      `| ${OPERATION_TITLES[row.operation]} | ${formatSize(row.sizeBytes)} | ${row.runs} | ${cell(row.signetMs)} | ${cell(row.opensslMs)} | ${cell(row.opensslStartupMs)} | ` +
        `${cell(row.ratio, 2)} | ${cell(row.ratioWithStartup, 2)} | ${cell(row.signetCpuMs)} | ${cell(row.opensslCpuMs)} | ${cell(row.cpuRatio, 2)} | ` +
        `${cell(row.peakMemoryMB)} | ${cell(times, 2)} | ${cell(row.opensslPeakMemoryMB)} |`,
    );
  }
  return lines.join('\n');
}

export function formatBrowserTable(rows: BrowserRow[]): string {
  const lines = ['| in Chromium (demo build) | size | runs | median ms | runs ms |', '|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${row.title} | ${row.sizeBytes ? formatSize(row.sizeBytes) : '-'} | ${row.timesMs.length} | ${cell(row.signetMs)} | ${row.timesMs.map((time) => time.toFixed(0)).join(', ')} |`);
  }
  return lines.join('\n');
}

function navigatorCores(): number {
  return availableParallelism();
}

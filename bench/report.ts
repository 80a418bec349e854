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
  const lines = [
    'In Chromium with the demo build on the demo webmail (each run loads the page afresh; "longest page task" is the longest',
    'main-thread task of the webmail page during the runs, from PerformanceObserver longtask, 0 = none over 50 ms):',
    '',
    '| in Chromium (demo build) | message | runs | median ms | each run ms | longest page task ms | badge |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.title} | ${formatSize(row.sizeBytes)} | ${row.timesMs.length} | ${cell(row.signetMs)} | ${row.timesMs.map((time) => time.toFixed(0)).join(', ')} | ` +
        `${cell(row.longestPageTaskMs)} | ${row.status} |`,
    );
  }
  for (const row of rows) {
    for (const failure of row.failedRuns) lines.push('', `A run of "${row.title}" (${formatSize(row.sizeBytes)}) got no verdict and was run again: ${failure}`);
  }
  const traced = rows.filter((row) => row.mainThread);
  if (traced.length > 0) {
    lines.push('', 'Main thread of the webmail page during one traced open (Chrome trace; script time by owner, tasks over 50 ms):', '');
    for (const row of traced) {
      const share = row.mainThread;
      if (!share) continue;
      const tasks = share.longTasks.map((task) => `${task.durationMs} ms (${task.owner})`).join(', ') || 'none';
      lines.push(
        `- ${formatSize(row.sizeBytes)}: scripts with a URL: Signet content script ${share.signetContentScriptMs} ms, webmail page ${share.webmailPageMs} ms; ` +
          `promise continuations ${share.microtasksMs} ms; garbage collection ${share.garbageCollectionMs} ms; long tasks: ${tasks}`,
      );
    }
  }
  return lines.join('\n');
}

function navigatorCores(): number {
  return availableParallelism();
}

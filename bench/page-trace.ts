/**
 * Who uses the webmail page's main thread (issue 7, item 4): a Chrome trace of one message
 * opening, with the main thread's script time attributed to the page (the webmail) or to Signet's
 * content script (chrome-extension:// URLs), and the longest tasks with their owners. Signet's
 * part should be small: fetching the bytes and handing them to the service worker.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; scriptName?: string; frame?: string } };
}

type Owner = 'signet' | 'webmail' | 'microtasks' | 'garbage collection' | 'other';

export interface MainThreadShare {
  /** Script time on the page's main thread, by owner, in ms (top-level script events with a URL). */
  signetContentScriptMs: number;
  webmailPageMs: number;
  /**
   * Promise continuations (RunMicrotasks): the trace names no script for them. The content
   * script's work after each `await` (base64 of the message, `chrome.runtime.sendMessage`'s JSON)
   * runs here; the webmail page's own scripts are idle while a message opens.
   */
  microtasksMs: number;
  garbageCollectionMs: number;
  /** Tasks over 50 ms: duration and what took most of it. */
  longTasks: { durationMs: number; owner: Owner }[];
}

const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'TimerFire', 'EventDispatch']);

function ownerOf(url: string | undefined): 'signet' | 'webmail' | undefined {
  if (!url) return undefined;
  if (url.startsWith('chrome-extension://')) return 'signet';
  if (url.startsWith('http')) return 'webmail';
  return undefined;
}

export async function traceMainThread(page: Page, action: () => Promise<void>): Promise<MainThreadShare> {
  await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
  await action();
  const buffer = await page.tracing.stop();
  if (process.env.SIGNET_BENCH_TRACE_FILE) writeFileSync(process.env.SIGNET_BENCH_TRACE_FILE, buffer ?? new Uint8Array());
  const events = (JSON.parse(Buffer.from(buffer ?? new Uint8Array()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`),
  );
  // The page's renderer main thread: the one running the webmail's scripts.
  const scriptEvents = events.filter((event) => event.ph === 'X' && SCRIPT_EVENTS.has(event.name) && mainThreads.has(`${event.pid}:${event.tid}`));
  const webmailThread = scriptEvents.find((event) => ownerOf(event.args?.data?.url) === 'webmail');
  const thread = webmailThread ? `${webmailThread.pid}:${webmailThread.tid}` : '';
  const onThread = scriptEvents.filter((event) => `${event.pid}:${event.tid}` === thread && ownerOf(event.args?.data?.url) !== undefined).sort((left, right) => left.ts - right.ts);
  // Top-level script events only (nested ones are inside their parent's time).
  const topLevel: TraceEvent[] = [];
  let coveredUntil = -1;
  for (const event of onThread) {
    if (event.ts < coveredUntil) continue;
    topLevel.push(event);
    coveredUntil = event.ts + (event.dur ?? 0);
  }
  const threadEvents = events.filter((event) => event.ph === 'X' && `${event.pid}:${event.tid}` === thread);
  const microtasks = threadEvents.filter((event) => event.name === 'RunMicrotasks');
  const collections = threadEvents.filter((event) => event.name === 'MajorGC' || event.name === 'MinorGC');
  const share: MainThreadShare = {
    signetContentScriptMs: 0,
    webmailPageMs: 0,
    microtasksMs: Math.round(microtasks.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000),
    garbageCollectionMs: Math.round(collections.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000),
    longTasks: [],
  };
  for (const event of topLevel) {
    const milliseconds = (event.dur ?? 0) / 1000;
    if (ownerOf(event.args?.data?.url) === 'signet') share.signetContentScriptMs += milliseconds;
    else share.webmailPageMs += milliseconds;
  }
  const tasks = threadEvents.filter((event) => event.name === 'RunTask' && (event.dur ?? 0) > 50_000);
  const within = (task: TraceEvent, list: TraceEvent[]): number =>
    list.filter((event) => event.ts >= task.ts && event.ts < task.ts + (task.dur ?? 0)).reduce((sum, event) => sum + (event.dur ?? 0), 0);
  for (const task of tasks) {
    const parts: [Owner, number][] = [
      ['signet', within(task, topLevel.filter((event) => ownerOf(event.args?.data?.url) === 'signet'))],
      ['webmail', within(task, topLevel.filter((event) => ownerOf(event.args?.data?.url) === 'webmail'))],
      ['microtasks', within(task, microtasks)],
      ['garbage collection', within(task, collections)],
    ];
    const [owner, amount] = parts.reduce((best, part) => (part[1] > best[1] ? part : best));
    share.longTasks.push({ durationMs: Math.round((task.dur ?? 0) / 1000), owner: amount > 0 ? owner : 'other' });
  }
  share.signetContentScriptMs = Math.round(share.signetContentScriptMs);
  share.webmailPageMs = Math.round(share.webmailPageMs);
  return share;
}

/** Placeholder replaced below. */
export interface BrowserRow {
  operation: string;
  title: string;
  sizeBytes: number;
  signetMs: number;
  timesMs: number[];
}
export async function runBrowserBench(_options: { log(line: string): void; runs: number }): Promise<BrowserRow[]> {
  throw new Error('not yet');
}

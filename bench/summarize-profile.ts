/**
 * `npx tsx bench/summarize-profile.ts FILE.cpuprofile [TOP]`: where a V8 CPU profile (`node
 * --cpu-prof`) spent its time, by function: self time and total (inclusive) time, the top entries.
 * This is how the findings in bench/README.md were read.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function nameOf(node: ProfileNode): string {
  const file = node.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src|bench)\//, '$1/');
  return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
}

function main(): void {
  const [path, topText] = process.argv.slice(2);
  if (!path) throw new Error('usage: summarize-profile FILE.cpuprofile [TOP]');
  const top = Number(topText ?? 25);
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (!node) continue;
    self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + micros);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const name = nameOf(byId.get(current) as ProfileNode);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + micros);
    }
  }
  const all = profile.endTime - profile.startTime;
  const print = (title: string, table: Map<string, number>): void => {
    console.log(`${title} (of ${(all / 1000).toFixed(0)} ms profiled)`);
    for (const [name, micros] of [...table].sort((left, right) => right[1] - left[1]).slice(0, top)) {
      console.log(`${(micros / 1000).toFixed(1).padStart(9)} ms ${((100 * micros) / all).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  print('Self time', self);
  console.log('');
  print('Total time', total);
}

main();

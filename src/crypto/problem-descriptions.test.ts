import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PROBLEM_DESCRIPTIONS, describeProblem } from './problem-descriptions';

describe('problem descriptions', () => {
  it('explains every problem code the verdict can carry, in a full sentence', () => {
    const source = readFileSync(new URL('./verdict.ts', import.meta.url), 'utf8');
    const union = source.slice(source.indexOf('export type ProblemCode'), source.indexOf(';', source.indexOf('export type ProblemCode')));
    const codes = [...union.matchAll(/\|\s*'([a-z0-9-]+)'/g)].map((match) => match[1]);
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) {
      const sentence = describeProblem(code as keyof typeof PROBLEM_DESCRIPTIONS);
      expect(sentence, code).toMatch(/^[A-Z].+\.$/);
    }
    expect(Object.keys(PROBLEM_DESCRIPTIONS).sort()).toEqual([...codes].sort());
  });
});

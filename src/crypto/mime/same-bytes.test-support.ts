/** Test support: comparing big byte arrays fast (vitest's deep equality walks them element by element). */
import { expect } from 'vitest';

export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  for (let index = 0; index < expected.length; index += 1) {
    if (actual[index] !== expected[index]) {
      expect(`byte ${index}: ${actual[index]}`).toBe(`byte ${index}: ${expected[index]}`);
    }
  }
}

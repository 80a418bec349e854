import { describe, expect, it } from 'vitest';
import { maskIfEqual, maskIfLess, maskIfZero, selectByMask } from './constant-time';

const ALL = 0xffffffff;

describe('branch-free masks for padding checks', () => {
  it.each([
    [0, 0, ALL],
    [5, 5, ALL],
    [0xff, 0xfe, 0],
    [0, 0x80000000, 0],
    [0xffffffff, 0xffffffff, ALL],
    [0xffffffff, 0, 0],
  ])('maskIfEqual(%i, %i) is %i', (a, b, expected) => {
    expect(maskIfEqual(a, b)).toBe(expected);
  });

  it('maskIfZero and maskIfLess over the byte and index ranges they are used on', () => {
    for (let value = 0; value < 256; value += 1) expect(maskIfZero(value)).toBe(value === 0 ? ALL : 0);
    for (const [a, b] of [[0, 1], [9, 10], [10, 10], [11, 10], [0, 0], [4095, 4096]]) expect(maskIfLess(a, b)).toBe(a < b ? ALL : 0);
  });

  it('selectByMask picks whole values', () => {
    expect(selectByMask(ALL, 0x12, 0x34)).toBe(0x12);
    expect(selectByMask(0, 0x12, 0x34)).toBe(0x34);
  });
});

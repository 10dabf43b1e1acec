// Tiny seeded PRNG (splitmix32) with an integer-only API, used to generate benchmark and test histories.
// The checker itself never draws random numbers; randomness is always passed in, never reached for.

import { assert } from '../../sim/assert.js';

export interface Prng {
  /** Uniform-ish integer in [min, max] (modulo bias is irrelevant at the ranges used here). */
  intInclusive(min: number, max: number): number;
  /** True with probability numerator / denominator. */
  chance(numerator: number, denominator: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createPrng(seed: number): Prng {
  assert(Number.isSafeInteger(seed), 'prng seed must be an integer');
  let state = seed | 0;
  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const intInclusive = (min: number, max: number): number => {
    assert(Number.isSafeInteger(min) && Number.isSafeInteger(max), 'intInclusive bounds must be integers');
    assert(max >= min, `intInclusive needs max >= min (got ${max} < ${min})`);
    const span = max - min + 1;
    assert(span <= 0x1_0000_0000, 'intInclusive span must fit in 32 bits');
    return min + (nextUint32() % span);
  };
  return {
    intInclusive,
    chance(numerator, denominator) {
      assert(denominator > 0, 'chance denominator must be positive');
      return intInclusive(0, denominator - 1) < numerator;
    },
    pick(items) {
      assert(items.length > 0, 'pick needs a non-empty list');
      return items[intInclusive(0, items.length - 1)] as (typeof items)[number];
    },
  };
}

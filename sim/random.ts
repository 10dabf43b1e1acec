// Seeded randomness. Entropy enters a run in exactly one place: the root seed. Every component draws
// from its own named sub-stream (`fork`), so a change in how often one component draws does not shift
// any other component's numbers. The API is integer-only; the one float conversion lives in `below`.
import seedrandom from 'seedrandom';
import { assert, fail } from './assert.js';

const TWO_POW_32 = 0x1_0000_0000;

export class Random {
  private readonly generator: seedrandom.PRNG;
  /** The bound `below` saw last (a stream tends to repeat one), with its rejection limit and 1 / bound. */
  private boundLast = Number.NaN;
  /** For `boundLast` up to 2^32: draws at or past this are rejected (2^32 minus 2^32 mod bound). */
  private boundLimit = 0;
  private boundReciprocal = 0;

  constructor(readonly seedText: string) {
    this.generator = seedrandom.alea(seedText);
  }

  /** A fresh, independent stream named relative to this one. Same name ⇒ same stream. */
  fork(name: string): Random {
    return new Random(`${this.seedText}/${name}`);
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.generator.int32() >>> 0;
  }

  /** A uniform integer in [0, bound). Exact (rejection sampling) for bounds up to 2^32. */
  below(bound: number): number {
    if (bound !== this.boundLast) this.prepareBound(bound);
    if (bound <= TWO_POW_32) {
      const limit = this.boundLimit;
      const reciprocal = this.boundReciprocal;
      for (let attempt = 0; attempt < 64; attempt++) {
        const value = this.uint32();
        if (value < limit) return remainderBy(value, bound, reciprocal);
      }
      return remainderBy(this.uint32(), bound, reciprocal); // 2^-64 odds of reaching here; still deterministic.
    }
    // 53 bits from two draws, for bounds beyond 2^32 (long simulated durations).
    const high = this.uint32() >>> 11;
    const low = this.uint32();
    const fraction = (high * TWO_POW_32 + low) / 2 ** 53;
    return Math.floor(fraction * bound);
  }

  private prepareBound(bound: number): void {
    if (!(bound > 0 && Number.isSafeInteger(bound))) fail(`below: bound must be a positive integer (got ${bound})`);
    this.boundLast = bound;
    if (bound > TWO_POW_32) return;
    this.boundReciprocal = 1 / bound;
    this.boundLimit = TWO_POW_32 - remainderBy(TWO_POW_32, bound, this.boundReciprocal);
  }

  intInclusive(min: number, max: number): number {
    assert(Number.isSafeInteger(min) && Number.isSafeInteger(max), 'intInclusive: integer bounds');
    if (max < min) fail(`intInclusive: max must be >= min (got ${max} < ${min})`);
    return min + this.below(max - min + 1);
  }

  /** True with probability numerator/denominator. */
  chance(numerator: number, denominator: number): boolean {
    assert(denominator > 0, 'chance: denominator must be positive');
    if (numerator <= 0) return false;
    if (numerator >= denominator) return true;
    return this.below(denominator) < numerator;
  }

  /** True with probability `ratio` (0..1), resolved to parts per million so draws stay integer. */
  ratio(ratio: number): boolean {
    return this.chance(Math.round(ratio * 1_000_000), 1_000_000);
  }

  pick<T>(items: readonly T[]): T {
    assert(items.length > 0, 'pick: empty list');
    return items[this.below(items.length)] as T;
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = this.below(index + 1);
      const held = items[index] as T;
      items[index] = items[other] as T;
      items[other] = held;
    }
    return items;
  }
}

/**
 * `value % bound` for integers 0 <= value <= 2^32 and 0 < bound <= 2^32, given `reciprocal` = 1 / bound,
 * without `%`: values past 2^31 are not small integers to V8, and its floating-point `%` is a slow
 * library call. The product is within 2^-20 / bound of the true quotient, so its floor is the true one
 * except when `value` is a multiple of `bound`, where it may fall one short: the remainder then reads
 * `bound`, and is corrected to 0. Exported for its test.
 */
export function remainderBy(value: number, bound: number, reciprocal: number): number {
  const remainder = value - Math.floor(value * reciprocal) * bound;
  return remainder >= bound ? remainder - bound : remainder;
}

/** The root stream of a run. Every other stream is forked from it by name. */
export function rootRandom(seed: number): Random {
  assert(Number.isSafeInteger(seed) && seed >= 0, `seed must be a non-negative integer (got ${seed})`);
  return new Random(`faultline:${seed}`);
}

// Proves the random streams are deterministic, independent by name, and stay inside their bounds;
// the inline snapshot pins the numbers of a fixed seed so an accidental change of generator shows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random, remainderBy, rootRandom } from './random.js';

describe('Random', () => {
  it('pins the first draws of seed 1', () => {
    const random = rootRandom(1);
    expect([random.uint32(), random.below(10), random.intInclusive(-5, 5), random.fork('network').uint32()]).toMatchInlineSnapshot(`
      [
        2268378925,
        9,
        -5,
        4091080919,
      ]
    `);
  });

  it('same seed text, same numbers; forks do not disturb the parent', () => {
    const a = new Random('x');
    const b = new Random('x');
    a.fork('disk').uint32();
    a.fork('disk').uint32();
    expect(Array.from({ length: 20 }, () => a.uint32())).toEqual(Array.from({ length: 20 }, () => b.uint32()));
  });

  it('differently named forks differ', () => {
    const root = rootRandom(5);
    expect(root.fork('network').uint32()).not.toBe(root.fork('faults').uint32());
  });

  it('intInclusive stays in bounds, including bounds beyond 2^32', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 1e15 }), (seed, min, span) => {
        const value = new Random(String(seed)).intInclusive(min, min + span);
        expect(value).toBeGreaterThanOrEqual(min);
        expect(value).toBeLessThanOrEqual(min + span);
        expect(Number.isSafeInteger(value)).toBe(true);
      }),
    );
  });

  it('below gives the numbers of plain rejection sampling with %, whatever the order of bounds', () => {
    // The reference: the textbook form, with the remainder taken by `%` on every draw.
    const reference = (random: Random, bound: number): number => {
      const limit = 2 ** 32 - (2 ** 32 % bound);
      for (let attempt = 0; attempt < 64; attempt++) {
        const value = random.uint32();
        if (value < limit) return value % bound;
      }
      return random.uint32() % bound;
    };
    const bounds = fc.oneof(fc.integer({ min: 1, max: 2 ** 32 }), fc.constantFrom(1, 2, 3, 1_000_000, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32 - 1, 2 ** 32));
    fc.assert(
      fc.property(fc.string(), fc.array(bounds, { minLength: 1, maxLength: 40 }), (seed, sequence) => {
        const fast = new Random(seed);
        const plain = new Random(seed);
        for (const bound of [...sequence, ...sequence]) expect(fast.below(bound)).toBe(reference(plain, bound));
      }),
    );
  });

  it('remainderBy equals %, multiples of the bound (where the quotient falls one short) included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 32 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -1, max: 1 }), (bound, at, offset) => {
        const multiple = Math.floor(at * Math.floor(2 ** 32 / bound)) * bound;
        for (const value of [multiple, multiple + offset, Math.floor(at * 2 ** 32)]) {
          if (value < 0 || value > 2 ** 32) continue;
          expect(remainderBy(value, bound, 1 / bound)).toBe(value % bound);
        }
      }),
      { numRuns: 2_000 },
    );
    expect(remainderBy(3_456_106_496, 103, 1 / 103)).toBe(0); // a multiple whose quotient's floor falls one short
  });

  it('chance is roughly fair and exact at the ends', () => {
    const random = rootRandom(9);
    let hits = 0;
    for (let index = 0; index < 10_000; index++) if (random.chance(1, 4)) hits++;
    expect(hits).toBeGreaterThan(2_300);
    expect(hits).toBeLessThan(2_700);
    expect(random.chance(0, 4)).toBe(false);
    expect(random.chance(4, 4)).toBe(true);
  });

  it('shuffle is a permutation', () => {
    const items = Array.from({ length: 50 }, (_, index) => index);
    const shuffled = rootRandom(3).shuffle([...items]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });
});

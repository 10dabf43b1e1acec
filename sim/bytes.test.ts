// Proves slab-carved byte arrays keep the contract of fresh ones: zeroed, private, the right length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBytes, copyBytes } from './bytes.js';

describe('slab byte arrays', () => {
  it('hands out zeroed arrays that never overlap, small and large', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }), (lengths) => {
        const arrays = lengths.map((length, index) => {
          const bytes = allocateBytes(length);
          expect(bytes.length).toBe(length);
          expect(bytes.every((byte) => byte === 0)).toBe(true);
          bytes.fill((index % 255) + 1);
          return bytes;
        });
        // Each array still holds only what was written into it: no other allocation overlapped it.
        arrays.forEach((bytes, index) => expect(bytes.every((byte) => byte === (index % 255) + 1)).toBe(true));
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('copies a range, and the copy is independent of its source', () => {
    const source = Uint8Array.from({ length: 100 }, (_, index) => index);
    const copy = copyBytes(source, 10, 20);
    expect([...copy]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    source[10] = 99;
    expect(copy[0]).toBe(10);
    const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
    expect(view.getUint8(0)).toBe(10);
  });
});

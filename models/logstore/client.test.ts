// The client's hand-rolled base-36 formatting must spell every uint32 exactly as Number#toString(36):
// event data written by earlier versions and the recorded histories depend on it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base36 } from './client.js';

describe('log store client', () => {
  it('base36 equals toString(36) for every uint32', () => {
    for (const value of [0, 1, 35, 36, 1295, 1296, 2 ** 31, 2 ** 32 - 1]) expect(base36(value)).toBe(value.toString(36));
    fc.assert(fc.property(fc.nat({ max: 2 ** 32 - 1 }), (value) => base36(value) === value.toString(36)), { numRuns: 2_000, seed: 36 });
  });
});

// Proves the kernel bench is a fixed, seeded workload whose run ends on the trace hash it had before the
// kernel's hot path was reworked (f2ce4c3be8a9f1b3 was read from the earlier kernel), so a faster kernel
// cannot be a different one; and that the reference loop runs its events and keeps its pending count.
import { describe, expect, it } from 'vitest';
import { referenceHeapLoop } from './bench-reference.js';
import { benchKernel } from './bench.js';

describe('bench', () => {
  it('the kernel workload ends on its pinned trace hash', () => {
    const figures = benchKernel(200_000);
    expect(figures.traceHash).toBe('f2ce4c3be8a9f1b3');
    expect(figures.events).toBe(199_998);
    expect(figures.eventsPerSecond).toBeGreaterThan(0);
  });

  it('the reference loop runs every event and ends with the pending count it began with', () => {
    const figures = referenceHeapLoop(50_000, 1_000);
    expect(figures.events).toBe(50_000);
    expect(figures.pending).toBe(1_000);
    expect(figures.eventsPerSecond).toBeGreaterThan(0);
    expect(() => referenceHeapLoop(10, 0)).toThrow(/pending must be/);
  });
});

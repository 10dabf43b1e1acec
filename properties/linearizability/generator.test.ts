// Proves history generation is deterministic for a seed (pinned with an inline snapshot) and produces
// well-formed histories: every process has at most one operation outstanding, ok operations complete after
// their invoke, and a crashed (info) client comes back under a new process id.

import { describe, expect, it } from 'vitest';
import { describeHistoryOperation } from './explanation.js';
import { generateHistory, registerWorkload } from './generator.js';
import { createPrng } from './prng.js';
import { registerModel } from './register.js';

describe('generateHistory', () => {
  it('is pinned for a fixed seed', () => {
    const history = generateHistory(registerWorkload(3), createPrng(11), { operations: 6, processes: 2, infoPercentWrites: 30 });
    expect(history.map((operation, index) => describeHistoryOperation(operation, index, registerModel))).toMatchInlineSnapshot(`
      [
        "process 0 write 2 (operation #0, time 1–3)",
        "process 0 read → 2 (operation #1, time 4–8)",
        "process 1 read → 2 (operation #2, time 6–9)",
        "process 1 cas 2→2 (operation #3, time 10–14)",
        "process 0 read → 2 (operation #4, time 12–15)",
        "process 0 read → 2 (operation #5, time 16–18)",
      ]
    `);
  });

  it('keeps at most one operation outstanding per process', () => {
    const history = generateHistory(registerWorkload(5), createPrng(3), { operations: 500, processes: 7, infoPercentWrites: 25, infoPercentReads: 10 });
    expect(history).toHaveLength(500);
    const busyUntil = new Map<number, number>();
    for (const operation of history) {
      expect(operation.invokeTime).toBeGreaterThanOrEqual(busyUntil.get(operation.process) ?? 0);
      if (operation.outcome !== 'info') expect(operation.completeTime!).toBeGreaterThan(operation.invokeTime);
      busyUntil.set(operation.process, operation.outcome === 'info' ? Number.POSITIVE_INFINITY : operation.completeTime!);
    }
    expect(history.some((operation) => operation.process >= 7)).toBe(true);
  });
});

// Proves the benchmark runs end to end on its seeded histories and reaches the expected verdicts
// (timings are reported, not asserted: they depend on the machine).

import { describe, expect, it } from 'vitest';
import { benchLinearizability } from './bench.js';

describe('benchLinearizability', () => {
  it('decides every generated history', async () => {
    const rows = await benchLinearizability(2);
    expect(rows.map((row) => [row.operations, row.processes, row.verdict])).toEqual([
      [1000, 10, true],
      [2000, 10, true],
      [8000, 5, true],
      [8000, 5, false],
      [4000, 50, true],
      [4000, 50, false],
    ]);
    for (const row of rows) expect(row.wallMs).toBeGreaterThan(0);
  });
});

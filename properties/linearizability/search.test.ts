// Proves the search's refinements for info operations keep it exact: identical info operations are
// interchangeable but each can be used once, a run of info operations is still explored when it matters
// (cas chains), and an info operation is never placed before its invoke. Each case is also checked
// against the brute-force reference.

import { describe, expect, it } from 'vitest';
import { BudgetMeter } from './budget.js';
import { checkHistory } from './checker.js';
import type { Operation } from './operation.js';
import { referenceLinearizable } from './reference.js';
import { registerModel, type RegisterInput, type RegisterOutput } from './register.js';
import { searchPartition } from './search.js';
import { generateHistory, registerWorkload } from './generator.js';
import { createPrng } from './prng.js';

type RegisterOp = Operation<RegisterInput, RegisterOutput>;
const info = (process: number, input: RegisterInput, invokeTime: number): RegisterOp => ({ process, input, outcome: 'info', invokeTime });
const ok = (process: number, input: RegisterInput, output: RegisterOutput, invokeTime: number, completeTime: number): RegisterOp => ({
  process,
  input,
  outcome: 'ok',
  output,
  invokeTime,
  completeTime,
});
const reads = (values: Array<number | null>, startTime: number): RegisterOp[] => values.map((value, index) => ok(9, { f: 'read' }, value, startTime + 2 * index, startTime + 2 * index + 1));

function verdicts(history: RegisterOp[]): [boolean | null, boolean] {
  return [checkHistory(history, registerModel).linearizable, referenceLinearizable(history, registerModel)];
}

describe('info operations in the search', () => {
  it('uses two identical info writes once each, but not three times', () => {
    // The ok write of 1 overlaps the first two reads; the reads see 5, 1, 5 (and then 1, 5, 1, 5).
    const base = [info(1, { f: 'write', value: 5 }, 0), info(2, { f: 'write', value: 5 }, 1), ok(3, { f: 'write', value: 1 }, 1, 2, 12.5)];
    expect(verdicts([...base, ...reads([5, 1, 5], 10)])).toEqual([true, true]);
    expect(verdicts([...base.slice(1), ...reads([1, 5, 1, 5], 10)])).toEqual([false, false]);
  });

  it('explores chains of info cas operations', () => {
    const chain = [ok(0, { f: 'write', value: 1 }, 1, 0, 1), info(1, { f: 'cas', expected: 1, value: 2 }, 2), info(2, { f: 'cas', expected: 2, value: 3 }, 3)];
    expect(verdicts([...chain, ...reads([3], 10)])).toEqual([true, true]);
    expect(verdicts([...chain, ...reads([3, 2], 10)])).toEqual([false, false]);
  });

  it('never places an info write before its invoke', () => {
    expect(verdicts([...reads([4], 0), info(1, { f: 'write', value: 4 }, 5)])).toEqual([false, false]);
  });

  it('returns a linearization that leaves out unneeded info operations', () => {
    const history = [
      { input: { f: 'write', value: 1 } as RegisterInput, output: 1, info: false, invokeTime: 0, completeTime: 1 },
      { input: { f: 'write', value: 7 } as RegisterInput, output: undefined, info: true, invokeTime: 2, completeTime: Number.POSITIVE_INFINITY },
      { input: { f: 'read' } as RegisterInput, output: 1, info: false, invokeTime: 3, completeTime: 4 },
    ];
    const result = searchPartition(history, registerModel, new BudgetMeter());
    expect(result).toMatchObject({ verdict: true, linearization: [0, 2] });
  });

  it('forgets its cache when it would outgrow the bound, and stays exact', () => {
    const history = generateHistory(registerWorkload(4), createPrng(5), { operations: 200, processes: 6, infoPercentWrites: 20 });
    const searchOps = history
      .filter((operation) => operation.outcome !== 'fail')
      .map((operation) => ({
        input: operation.input,
        output: operation.outcome === 'ok' ? operation.output : undefined,
        info: operation.outcome !== 'ok',
        invokeTime: operation.invokeTime,
        completeTime: operation.outcome === 'ok' ? operation.completeTime! : Number.POSITIVE_INFINITY,
      }));
    const meter = new BudgetMeter({ cacheEntriesMax: 20 });
    expect(searchPartition(searchOps, registerModel, meter).verdict).toBe(true);
    expect(meter.cacheResets).toBeGreaterThan(0);
    expect(meter.cacheEntries).toBe(0); // released once decided
  });
});

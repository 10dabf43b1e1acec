// Proves, with fast-check, that histories produced by running each sequential model under random
// concurrency (with lost completions) are always judged linearizable, and that after corrupting one
// completed read the checker agrees with a brute-force reference checker on small histories: so it says
// "not linearizable" exactly when no other linearization explains the read. A planted bug (a model whose
// read accepts anything) is caught by the same property.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from './checker.js';
import { eventlogModel } from './eventlog.js';
import { eventlogWorkload, generateHistory, kvMixWorkload, kvWorkload, registerWorkload, type Workload } from './generator.js';
import { kvModel, type KvInput, type KvOutput } from './kv.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';
import { createPrng } from './prng.js';
import { referenceLinearizable } from './reference.js';
import { registerModel, type RegisterInput, type RegisterOutput, type RegisterState } from './register.js';

interface Subject<WorkloadState, State, Input, Output> {
  readonly name: string;
  readonly model: Model<State, Input, Output>;
  readonly workload: () => Workload<WorkloadState, Input, Output>;
}

function subject<WorkloadState, State, Input, Output>(value: Subject<WorkloadState, State, Input, Output>): Subject<WorkloadState, State, Input, Output> {
  return value;
}

const subjects = [
  subject({ name: 'register', model: registerModel, workload: () => registerWorkload(3) }),
  subject({ name: 'kv', model: kvModel, workload: () => kvWorkload(['x', 'y']) }),
  subject({ name: 'kv with unique values, 45% gets, 45% appends', model: kvModel, workload: () => kvMixWorkload(['x', 'y'], { getPercent: 45, appendPercent: 45 }) }),
  subject({ name: 'eventlog', model: eventlogModel, workload: () => eventlogWorkload(['s', 't']) }),
];

/** The reference checker has no partitioning: run it per partition key. */
function referenceByPartition<State, Input, Output>(operations: readonly Operation<Input, Output>[], model: Model<State, Input, Output>): boolean {
  const parts = new Map<string, Operation<Input, Output>[]>();
  for (const operation of operations) {
    const key = model.partition?.(operation.input) ?? '';
    parts.set(key, [...(parts.get(key) ?? []), operation]);
  }
  return [...parts.values()].every((part) => referenceLinearizable(part, model));
}

/** Replace the output of the `choice`-th completed read, or return null when there is none. */
function corruptOneRead<WorkloadState, Input, Output>(
  operations: readonly Operation<Input, Output>[],
  workload: Workload<WorkloadState, Input, Output>,
  choice: number,
  seed: number,
): Operation<Input, Output>[] | null {
  const reads = operations.flatMap((operation, index) => (operation.outcome === 'ok' && workload.isRead(operation.input) ? [index] : []));
  if (reads.length === 0) return null;
  const target = reads[choice % reads.length]!;
  const original = operations[target]!;
  const output = workload.corruptRead(original.input, original.output as Output, createPrng(seed));
  return operations.map((operation, index) => (index === target ? { ...operation, output } : operation));
}

const historyShape = fc.record({
  seed: fc.integer(),
  operations: fc.integer({ min: 0, max: 60 }),
  processes: fc.integer({ min: 1, max: 6 }),
  infoPercentWrites: fc.integer({ min: 0, max: 50 }),
  infoPercentReads: fc.integer({ min: 0, max: 20 }),
});

const smallShape = fc.record({
  seed: fc.integer(),
  operations: fc.integer({ min: 1, max: 8 }),
  processes: fc.integer({ min: 1, max: 4 }),
  infoPercentWrites: fc.integer({ min: 0, max: 50 }),
  choice: fc.nat(),
});

describe.each(subjects)('$name model', (value) => {
  const { model, workload } = value as Subject<unknown, unknown, unknown, unknown>;

  it('judges every generated history linearizable (or, rarely, unknown within the budget)', () => {
    // Linearizability checking is NP-complete; a few generated histories with many lost appends need
    // more than this budget, and then the answer must be unknown, never a wrong "not linearizable".
    let unknown = 0;
    const runs = 300;
    fc.assert(
      fc.property(historyShape, (shape) => {
        const history = generateHistory(workload(), createPrng(shape.seed), shape);
        const verdict = checkHistory(history, model, { budget: { stepsMax: 2_000_000 } }).linearizable;
        if (verdict === null) unknown++;
        else expect(verdict).toBe(true);
      }),
      { numRuns: runs },
    );
    expect(unknown).toBeLessThanOrEqual(runs / 100);
  });

  it('agrees with the brute-force reference after one read is corrupted', () => {
    let notLinearizable = 0;
    fc.assert(
      fc.property(smallShape, (shape) => {
        const generator = workload();
        const history = generateHistory(generator, createPrng(shape.seed), shape);
        expect(referenceByPartition(history, model)).toBe(true);
        const corrupted = corruptOneRead(history, generator, shape.choice, shape.seed ^ 0x5f5f);
        fc.pre(corrupted !== null);
        const expected = referenceByPartition(corrupted!, model);
        if (!expected) notLinearizable++;
        expect(checkHistory(corrupted!, model).linearizable).toBe(expected);
      }),
      { numRuns: 400 },
    );
    expect(notLinearizable).toBeGreaterThan(20);
  });
});

const arbitraryRegisterHistory = fc.array(
  fc.record({
    invokeTime: fc.integer({ min: 0, max: 20 }),
    durationTime: fc.integer({ min: 0, max: 10 }),
    outcome: fc.constantFrom('ok', 'ok', 'ok', 'info', 'fail') as fc.Arbitrary<'ok' | 'info' | 'fail'>,
    input: fc.oneof(
      fc.constant<RegisterInput>({ f: 'read' }),
      fc.integer({ min: 0, max: 2 }).map((value): RegisterInput => ({ f: 'write', value })),
      fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })).map(([expected, value]): RegisterInput => ({ f: 'cas', expected, value })),
    ),
    read: fc.constantFrom<RegisterOutput>(null, 0, 1, 2),
  }),
  { minLength: 1, maxLength: 8 },
);

describe('arbitrary histories', () => {
  it('the register checker agrees with the brute-force reference on random small histories', () => {
    let verdictFalse = 0;
    fc.assert(
      fc.property(arbitraryRegisterHistory, (drafts) => {
        const history: Operation<RegisterInput, RegisterOutput>[] = drafts.map((draft, process) => ({
          process,
          input: draft.input,
          outcome: draft.outcome,
          output: draft.input.f === 'read' ? draft.read : draft.input.value,
          invokeTime: draft.invokeTime,
          completeTime: draft.invokeTime + draft.durationTime,
        }));
        const expected = referenceLinearizable(history, registerModel);
        if (!expected) verdictFalse++;
        expect(checkHistory(history, registerModel).linearizable).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    expect(verdictFalse).toBeGreaterThan(100);
  });
});

const kvPieces = ['a', 'b', 'ab'];
const arbitraryKvHistory = fc.array(
  fc.record({
    invokeTime: fc.integer({ min: 0, max: 20 }),
    durationTime: fc.integer({ min: 0, max: 10 }),
    outcome: fc.constantFrom('ok', 'ok', 'ok', 'info', 'fail') as fc.Arbitrary<'ok' | 'info' | 'fail'>,
    input: fc.oneof(
      fc.constant<KvInput>({ f: 'get', key: 'k' }),
      fc.constantFrom(...kvPieces).map((value): KvInput => ({ f: 'put', key: 'k', value })),
      fc.constantFrom(...kvPieces).map((value): KvInput => ({ f: 'append', key: 'k', value })),
    ),
    read: fc.array(fc.constantFrom(...kvPieces), { maxLength: 3 }).map((pieces) => pieces.join('')),
  }),
  { minLength: 1, maxLength: 8 },
);

describe('arbitrary kv histories', () => {
  // Values split in different ways ("a"+"b" and "ab") and gets of arbitrary strings exercise the kv
  // state's interning and the pruning hints (readMayFitLater, resets) against the brute-force reference.
  it('the kv checker agrees with the brute-force reference on random small histories', () => {
    let verdictFalse = 0;
    fc.assert(
      fc.property(arbitraryKvHistory, (drafts) => {
        const history: Operation<KvInput, KvOutput>[] = drafts.map((draft, process) => ({
          process,
          input: draft.input,
          outcome: draft.outcome,
          output: draft.input.f === 'get' ? draft.read : draft.input.value,
          invokeTime: draft.invokeTime,
          completeTime: draft.invokeTime + draft.durationTime,
        }));
        const expected = referenceLinearizable(history, kvModel);
        if (!expected) verdictFalse++;
        expect(checkHistory(history, kvModel).linearizable).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    expect(verdictFalse).toBeGreaterThan(100);
  });
});

describe('planted bug', () => {
  it('a register model whose read accepts any value fails the corrupted-read property', () => {
    const lenient: Model<RegisterState, RegisterInput, RegisterOutput> = {
      ...registerModel,
      step: (state, input, output) => (input.f === 'read' ? { ok: true, state } : registerModel.step(state, input, output)),
    };
    const generator = registerWorkload(3);
    const report = fc.check(
      fc.property(smallShape, (shape) => {
        const history = generateHistory(generator, createPrng(shape.seed), shape);
        const corrupted = corruptOneRead(history, generator, shape.choice, shape.seed);
        fc.pre(corrupted !== null);
        return checkHistory(corrupted!, lenient).linearizable === referenceLinearizable(corrupted!, registerModel);
      }),
      { numRuns: 400, seed: 42 },
    );
    expect(report.failed).toBe(true);
  });
});

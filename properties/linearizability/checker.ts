// checkHistory: decide whether a concurrent history is linearizable with respect to a sequential model.
// Drops `fail` operations (no effect) and info reads (no effect, no information), splits the rest by
// partition key, searches the parts interleaved (rounds of growing step quanta), and stops at the first
// part found not linearizable.
//
// Verdicts: true (a linearization exists for every part), false (some part has none; `failure` and
// `explanation` say where the search got furthest), null (the budget ran out first: unknown, never a
// guess). Not verified: that a `fail` operation really could not take effect (e.g. that a failed cas's
// compare mismatched), and anything the model does not describe.

import { assert, fail } from '../../sim/assert.js';
import { BudgetMeter, type Budget, type Exhaustion } from './budget.js';
import { explainFailure, type Candidate, type FailureDetail } from './explanation.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';
import { partitionOperations } from './partition.js';
import { PartitionSearch, type SearchOperation } from './search.js';

/** Steps each undecided partition gets in the first round, and the growth per round (capped). */
const quantumStepsFirst = 2_000;
const quantumGrowth = 4;
const quantumStepsMax = 4_000_000;

export interface CheckOptions {
  readonly budget?: Budget;
}

export interface CheckResult {
  readonly linearizable: boolean | null;
  /** Operations in the history, all outcomes counted. */
  readonly operations: number;
  /** Independent parts the history was split into (after dropping fail and info reads). */
  readonly partitions: number;
  /** Search steps used across all parts. */
  readonly steps: number;
  /** Which budget ran out when the verdict is null. */
  readonly exhausted: Exhaustion | null;
  readonly explanation: string;
  readonly failure: FailureDetail | null;
}

function validateOperation<Input, Output>(operation: Operation<Input, Output>, index: number): void {
  // Messages are built only on failure: this runs once per operation of every history checked.
  if (!Number.isFinite(operation.invokeTime)) fail(`operation #${index}: invokeTime must be a finite number`);
  const outcome = operation.outcome;
  if (outcome !== 'ok' && outcome !== 'fail' && outcome !== 'info') fail(`operation #${index}: outcome must be ok, fail or info`);
  if (outcome !== 'ok') return;
  if (operation.output === undefined) fail(`operation #${index}: an ok operation needs an output`);
  const completeTime = operation.completeTime;
  if (completeTime === undefined || !Number.isFinite(completeTime)) fail(`operation #${index}: an ok operation needs a finite completeTime`);
  if (completeTime < operation.invokeTime) fail(`operation #${index}: completeTime must be >= invokeTime (got ${completeTime} < ${operation.invokeTime})`);
}

export function checkHistory<State, Input, Output>(
  operations: readonly Operation<Input, Output>[],
  model: Model<State, Input, Output>,
  options: CheckOptions = {},
): CheckResult {
  operations.forEach(validateOperation);
  const meter = new BudgetMeter(options.budget);
  const readOnly = model.readOnly;
  const kept: number[] = [];
  operations.forEach((operation, index) => {
    if (operation.outcome === 'fail') return;
    if (operation.outcome === 'info' && readOnly !== undefined && readOnly(operation.input)) return;
    kept.push(index);
  });
  const parts = partitionOperations(operations, kept, model);
  const base = { operations: operations.length, partitions: parts.length };
  // Partitions are searched in rounds, each undecided one getting a quantum of steps that grows every
  // round: the easiest verdict comes first, and one hard partition cannot withhold a "not linearizable"
  // that another gives at once. Any order gives the same verdict (a history is linearizable iff every
  // partition is); the partition reported when several fail is the one decided first.
  const searches = parts.map((part) => {
    const searchOps: SearchOperation<Input, Output>[] = part.operations.map((index) => {
      const operation = operations[index]!;
      const info = operation.outcome !== 'ok';
      return {
        input: operation.input,
        output: info ? undefined : operation.output,
        info,
        invokeTime: operation.invokeTime,
        completeTime: info ? Number.POSITIVE_INFINITY : operation.completeTime!,
      };
    });
    return { part, search: new PartitionSearch(searchOps, model, meter) };
  });
  let undecided = searches;
  for (let quantum = quantumStepsFirst; undecided.length > 0; quantum = Math.min(quantum * quantumGrowth, quantumStepsMax)) {
    const still: typeof searches = [];
    for (const entry of undecided) {
      const result = entry.search.run(quantum);
      if (result === undefined) {
        still.push(entry);
        continue;
      }
      if (result.verdict === true) continue;
      for (const other of undecided) other.search.release();
      if (result.verdict === null) {
        const pending = undecided.filter((other) => !other.search.decided || other === entry).map((other) => other.part.key);
        const where = pending.length === 0 || pending[0] === null ? '' : ` on ${pending.length === 1 ? '' : `${pending.length} partitions, `}${pending.slice(0, 5).map((key) => JSON.stringify(key)).join(', ')}${pending.length > 5 ? ', ...' : ''}`;
        const explanation = `Unknown: the ${meter.exhausted ?? 'search'} budget ran out after ${meter.steps} search steps while checking the operations${where}. This is not a verdict; raise the budget to decide.`;
        return { ...base, linearizable: null, steps: meter.steps, exhausted: meter.exhausted, explanation, failure: null };
      }
      const part = entry.part;
      const toHistory = (position: number): number => part.operations[position]!;
      const failure = describeFailure(operations, model, part.key, part.operations, result.longestPrefix.map(toHistory), toHistory(result.blocking));
      const explanation = explainFailure(operations, model, failure);
      return { ...base, linearizable: false, steps: meter.steps, exhausted: null, explanation, failure };
    }
    undecided = still;
  }
  const explanation = `Linearizable: all ${operations.length} operations (${parts.length} partition${parts.length === 1 ? '' : 's'}) fit the ${model.name} model in an order that respects real time (${meter.steps} search steps).`;
  return { ...base, linearizable: true, steps: meter.steps, exhausted: null, explanation, failure: null };
}

/** Replay the longest prefix and list the operations that could have come next, for the explanation. */
function describeFailure<State, Input, Output>(
  operations: readonly Operation<Input, Output>[],
  model: Model<State, Input, Output>,
  partition: string | null,
  partitionOps: number[],
  longestPrefix: number[],
  blocking: number,
): FailureDetail {
  let state = model.init();
  for (const index of longestPrefix) {
    const operation = operations[index]!;
    const result = model.step(state, operation.input, operation.outcome === 'ok' ? operation.output : undefined);
    assert(result.ok, 'the longest prefix replays on the model');
    state = result.state;
  }
  const placed = new Set(longestPrefix);
  const limitTime = operations[blocking]!.completeTime!;
  const candidates: Candidate[] = [];
  for (const index of partitionOps) {
    const operation = operations[index]!;
    if (placed.has(index) || operation.invokeTime > limitTime) continue;
    const output = operation.outcome === 'ok' ? operation.output : undefined;
    candidates.push({ operation: index, fitsState: model.step(state, operation.input, output).ok });
  }
  assert(candidates.some((candidate) => candidate.operation === blocking), 'the blocking operation is a candidate');
  return { partition, partitionOperations: partitionOps, longestPrefix, blocking, candidates, stateAfterPrefix: model.describeState(state) };
}

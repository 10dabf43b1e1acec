// P-compositionality (Herlihy & Wing): a history is linearizable iff its restriction to each independent
// object is. Models name the object with `partition(input)`; the checker searches each part separately,
// which turns one exponential search into many small ones.

import { assert } from '../../sim/assert.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';

export interface Partition {
  /** The object's key, or null for a model without partitions. */
  readonly key: string | null;
  /** Indices into the history's operations, in history order. */
  readonly operations: number[];
}

/** Group the operations at `indices` by partition key, parts in order of first appearance. */
export function partitionOperations<State, Input, Output>(
  operations: readonly Operation<Input, Output>[],
  indices: readonly number[],
  model: Model<State, Input, Output>,
): Partition[] {
  const partitionOf = model.partition;
  if (partitionOf === undefined) return [{ key: null, operations: [...indices] }];
  const parts = new Map<string, number[]>();
  for (const index of indices) {
    const operation = operations[index];
    assert(operation !== undefined, `operation index ${index} is in range`);
    const key = partitionOf(operation.input);
    assert(typeof key === 'string', `model ${model.name} partition keys are strings`);
    const part = parts.get(key);
    if (part === undefined) parts.set(key, [index]);
    else part.push(index);
  }
  return Array.from(parts, ([key, members]) => ({ key, operations: members }));
}

// Brute-force reference checker for small histories, used only to cross-check the real search in tests.
// It tries every order of the operations that respects real time, with each info operation either left
// out or placed anywhere after its invoke, and no memoisation, list tricks or symmetry reduction: slow and
// obviously correct. Bounded to `referenceOperationsMax` operations; an explicit stack, no recursion.

import { assert } from '../../sim/assert.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';

export const referenceOperationsMax = 10;

interface Frame<State> {
  readonly placed: number;
  readonly state: State;
  next: number;
}

export function referenceLinearizable<State, Input, Output>(operations: readonly Operation<Input, Output>[], model: Model<State, Input, Output>): boolean {
  const ops = operations.filter((operation) => operation.outcome !== 'fail');
  assert(ops.length <= referenceOperationsMax, `the reference checker handles at most ${referenceOperationsMax} operations (got ${ops.length})`);
  let okMask = 0;
  ops.forEach((operation, index) => {
    if (operation.outcome === 'ok') okMask |= 1 << index;
  });
  // mustPrecede[c]: ok operations that completed before c was invoked.
  const mustPrecede = ops.map((candidate) => {
    let mask = 0;
    ops.forEach((operation, index) => {
      if (operation.outcome === 'ok' && operation.completeTime! < candidate.invokeTime) mask |= 1 << index;
    });
    return mask;
  });
  const stack: Frame<State>[] = [{ placed: 0, state: model.init(), next: 0 }];
  for (let iterations = 0; stack.length > 0; iterations++) {
    assert(iterations < 50_000_000, 'reference search is bounded');
    const frame = stack[stack.length - 1]!;
    if ((frame.placed & okMask) === okMask) return true;
    if (frame.next >= ops.length) {
      stack.pop();
      continue;
    }
    const candidate = frame.next++;
    const bit = 1 << candidate;
    if ((frame.placed & bit) !== 0 || (frame.placed & mustPrecede[candidate]!) !== mustPrecede[candidate]) continue;
    const operation = ops[candidate]!;
    const result = model.step(frame.state, operation.input, operation.outcome === 'ok' ? operation.output : undefined);
    if (result.ok) stack.push({ placed: frame.placed | bit, state: result.state, next: 0 });
  }
  return false;
}

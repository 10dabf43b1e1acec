// The linearizability search for one partition: Wing & Gong's algorithm with Lowe's memoisation, in the
// form Porcupine uses. Operations are call/return entries in a doubly linked list in real-time order; the
// candidates to linearize next are the call entries before the first return entry. Linearizing one lifts
// its call and return out of the list; a dead end pops an explicit stack (no recursion) and unlifts.
// A cache of (linearized bitset, model state) pairs prunes every configuration already explored.
//
// Refinements for operations whose outcome is unknown (`info`, completion at +infinity), which otherwise
// make the search exponential in the number of pending info operations:
// - they live in a separate list and are tried only after every `ok` candidate, and the search succeeds
//   as soon as every `ok` operation is placed: the model must accept an info operation from any state,
//   so the rest can always go at the end (which is also how "it never took effect" is represented);
// - symmetry: pending info operations with equal inputs are interchangeable (same effect, no return
//   bound), so they are linearized in invoke order only;
// - dominance: with the same ok set and state, having used a subset of the info operations is never
//   worse, so the cache keeps, per (ok set, state), an antichain of info sets and prunes any superset;
//   an info operation that changes nothing, or that makes the info operation just before it irrelevant
//   (a blind write after anything), is skipped because the shorter configuration is explored anyway.
// Each pruning only drops configurations dominated by one that is (or will be) explored, so the search
// stays exact; the property tests compare it with a brute-force reference checker.
//
// Not verified here: anything about `fail` operations (they are dropped before the search), and
// real-time order beyond what `invokeTime`/`completeTime` say.

import { assert } from '../../sim/assert.js';
import type { BudgetMeter } from './budget.js';
import { mixHash } from './hash.js';
import type { Model } from './model.js';

export interface SearchOperation<Input, Output> {
  readonly input: Input;
  /** Observed output; undefined exactly when `info`. */
  readonly output: Output | undefined;
  readonly info: boolean;
  readonly invokeTime: number;
  /** +Infinity when `info`. */
  readonly completeTime: number;
}

export type SearchResult =
  /** `linearization`: indices (into the partition's operations) in linearization order; unneeded info ops are left out. */
  | { readonly verdict: true; readonly linearization: number[]; readonly steps: number }
  /** `longestPrefix`: the longest linearizable prefix found; `blocking`: the ok operation whose completion it could not get past. */
  | { readonly verdict: false; readonly longestPrefix: number[]; readonly blocking: number; readonly steps: number }
  | { readonly verdict: null; readonly steps: number };

/** Explored configurations sharing one ok set and state: their info sets, flat, an antichain. */
interface CacheGroup<State> {
  readonly okBits: Uint32Array;
  readonly state: State;
  infoSets: Uint32Array;
  count: number;
}

const nil = -1;

function bitsEqual(left: Uint32Array, right: Uint32Array): boolean {
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return false;
  }
  return true;
}

/** Doubly linked list over `count` nodes plus a head sentinel at index `count`, linked in `order`. */
function linkInOrder(order: readonly number[], count: number): { next: Int32Array; prev: Int32Array } {
  assert(order.length === count, 'every node is linked exactly once');
  const next = new Int32Array(count + 1).fill(nil);
  const prev = new Int32Array(count + 1).fill(nil);
  let last = count;
  for (const node of order) {
    next[last] = node;
    prev[node] = last;
    last = node;
  }
  next[last] = nil;
  return { next, prev };
}

export function searchPartition<State, Input, Output>(
  operations: readonly SearchOperation<Input, Output>[],
  model: Model<State, Input, Output>,
  meter: BudgetMeter,
): SearchResult {
  const stepsStart = meter.steps;
  const okOps: number[] = [];
  const infoOps: number[] = [];
  operations.forEach((operation, index) => (operation.info ? infoOps : okOps).push(index));
  infoOps.sort((left, right) => (operations[left]!.invokeTime - operations[right]!.invokeTime) || left - right);
  const okCount = okOps.length;
  const infoCount = infoOps.length;
  const count = okCount + infoCount;
  // Search ids: ok operations 0..okCount-1, info operations okCount.. in invoke order.
  const searchToIndex = okOps.concat(infoOps);
  const inputs = searchToIndex.map((index) => operations[index]!.input);
  const outputs = searchToIndex.map((index) => operations[index]!.output);

  // Main list: call node 2k and return node 2k+1 of ok operation k, in real-time order; calls before
  // returns at equal times (equal times overlap).
  const nodeTime = new Float64Array(2 * okCount);
  for (let k = 0; k < okCount; k++) {
    const operation = operations[okOps[k]!]!;
    assert(operation.completeTime >= operation.invokeTime, 'an ok operation completes no earlier than it is invoked');
    nodeTime[2 * k] = operation.invokeTime;
    nodeTime[2 * k + 1] = operation.completeTime;
  }
  const nodeOrder = Array.from({ length: 2 * okCount }, (_, node) => node);
  nodeOrder.sort((left, right) => nodeTime[left]! - nodeTime[right]! || (left & 1) - (right & 1) || left - right);
  const head = 2 * okCount;
  const { next, prev } = linkInOrder(nodeOrder, 2 * okCount);

  // Info list, in invoke order, with symmetry classes of equal inputs.
  const infoHead = infoCount;
  const infoLinks = linkInOrder(Array.from({ length: infoCount }, (_, j) => j), infoCount);
  const infoNext = infoLinks.next;
  const infoPrev = infoLinks.prev;
  const infoInvokeTime = Float64Array.from(infoOps, (index) => operations[index]!.invokeTime);
  const classOf = new Int32Array(infoCount);
  const rankInClass = new Int32Array(infoCount);
  const classIds = new Map<string, number>();
  const classSizes: number[] = [];
  const inputKey = model.inputKey ?? ((input: Input) => JSON.stringify(input));
  for (let j = 0; j < infoCount; j++) {
    const key = inputKey(inputs[okCount + j]!);
    let classId = classIds.get(key);
    if (classId === undefined) {
      classId = classSizes.length;
      classIds.set(key, classId);
      classSizes.push(0);
    }
    classOf[j] = classId;
    rankInClass[j] = classSizes[classId]!;
    classSizes[classId]! += 1;
  }
  const classDone = new Int32Array(classSizes.length);

  // Memoisation with dominance: a configuration is (ok set, info set, state). Having used fewer info
  // operations is never worse (they can always go at the end), so a configuration is pruned when one with
  // the same ok set and state and a subset of its info set has been explored or is being explored. The
  // key hashes the ok set (Zobrist, updated incrementally) and the state, not the info set.
  const zobrist = Int32Array.from({ length: okCount }, (_, id) => mixHash(Math.imul(id + 1, 0x9e3779b1)));
  const okBits = new Uint32Array((okCount + 31) >>> 5);
  const infoBits = new Uint32Array((infoCount + 31) >>> 5);
  let okHash = 0;
  const infoWords = infoBits.length;
  const cache = new Map<number, CacheGroup<State>[]>();
  let cacheEntries = 0;

  /**
   * Is the current info set dominated by (a superset of) one stored in `group`? If not, store it and drop
   * the stored sets it dominates, so each group stays an antichain.
   */
  const rememberInfoSet = (group: CacheGroup<State>): boolean => {
    let sets = group.infoSets;
    let kept = 0;
    for (let member = 0; member < group.count; member++) {
      const base = member * infoWords;
      let storedInside = true;
      let currentInside = true;
      for (let word = 0; word < infoWords; word++) {
        const stored = sets[base + word]!;
        const current = infoBits[word]!;
        if ((stored & ~current) !== 0) storedInside = false;
        if ((current & ~stored) !== 0) currentInside = false;
      }
      if (storedInside) return false;
      if (currentInside) continue; // dominated by the set being added: drop it
      if (kept !== member) sets.copyWithin(kept * infoWords, base, base + infoWords);
      kept++;
    }
    cacheEntries += kept + 1 - group.count;
    if ((kept + 1) * infoWords > sets.length) {
      const grown = new Uint32Array(Math.max(sets.length * 2, (kept + 1) * infoWords));
      grown.set(sets.subarray(0, kept * infoWords));
      sets = grown;
      group.infoSets = grown;
    }
    sets.set(infoBits, kept * infoWords);
    group.count = kept + 1;
    return true;
  };

  /** Record the configuration reached by linearizing `id` into `state`; false when it is dominated. */
  const remember = (id: number, state: State): boolean => {
    const isOk = id < okCount;
    const bits = isOk ? okBits : infoBits;
    const bit = isOk ? id : id - okCount;
    bits[bit >>> 5]! |= 1 << (bit & 31);
    const hash = isOk ? okHash ^ zobrist[id]! : okHash;
    const key = (hash + Math.imul(model.hash(state), 0x27d4eb2f)) | 0;
    let groups = cache.get(key);
    if (groups === undefined) {
      groups = [];
      cache.set(key, groups);
    }
    let group: CacheGroup<State> | undefined;
    for (const candidate of groups) {
      if (bitsEqual(candidate.okBits, okBits) && model.equal(candidate.state, state)) {
        group = candidate;
        break;
      }
    }
    if (group === undefined) {
      group = { okBits: okBits.slice(), state, infoSets: new Uint32Array(Math.max(infoWords, 1)), count: 0 };
      groups.push(group);
    }
    if (!rememberInfoSet(group)) {
      bits[bit >>> 5]! &= ~(1 << (bit & 31));
      return false;
    }
    okHash = hash;
    meter.noteCacheEntries(cacheEntries);
    return true;
  };

  const stackId = new Int32Array(count);
  const stackLimitOp = new Int32Array(count);
  const stackState: Array<State | undefined> = new Array<State | undefined>(count);
  let depth = 0;

  /**
   * Info operation `id` would follow another info operation directly and lead to the same state as it
   * would without that one (a blind write after anything, say): the shorter run dominates, and is
   * explored as a sibling, so this one is skipped. (An info operation that changes nothing is skipped
   * too, dominated by the configuration it starts from.)
   */
  const previousInfoIrrelevant = (id: number, next: State): boolean => {
    if (depth === 0 || stackId[depth - 1]! < okCount) return false;
    const without = model.step(stackState[depth - 1] as State, inputs[id]!, undefined);
    assert(without.ok, 'info operations are accepted from any state');
    return model.equal(without.state, next);
  };
  let state = model.init();
  let bestDepth = -1;
  let bestPrefix: number[] = [];
  let bestBlocking = -1;
  let inInfo = false;
  let cursor = next[head]!;
  let limitOp = -1;
  let limitTime = 0;

  for (;;) {
    if (next[head] === nil) {
      const linearization = Array.from(stackId.subarray(0, depth), (id) => searchToIndex[id]!);
      return { verdict: true, linearization, steps: meter.steps - stepsStart };
    }
    if (!meter.tick() || meter.exhausted !== null) return { verdict: null, steps: meter.steps - stepsStart };
    if (!inInfo) {
      const node = cursor;
      assert(node !== nil, 'the main list always ends with a return entry');
      if ((node & 1) === 0) {
        const k = node >>> 1;
        const result = model.step(state, inputs[k]!, outputs[k]);
        if (result.ok && remember(k, result.state)) {
          stackId[depth] = k;
          stackLimitOp[depth] = -1;
          stackState[depth] = state;
          depth++;
          state = result.state;
          // Lift the call node and its return node out of the list.
          const ret = node + 1;
          next[prev[node]!] = next[node]!;
          prev[next[node]!] = prev[node]!;
          next[prev[ret]!] = next[ret]!;
          if (next[ret] !== nil) prev[next[ret]!] = prev[ret]!;
          cursor = next[head]!;
          continue;
        }
        cursor = next[node]!;
        continue;
      }
      // First return entry: no ok candidate left; try the info operations invoked before it.
      limitOp = node >>> 1;
      limitTime = nodeTime[node]!;
      inInfo = true;
      cursor = infoNext[infoHead]!;
      continue;
    }
    const j = cursor;
    if (j !== nil && infoInvokeTime[j]! <= limitTime) {
      if (rankInClass[j] === classDone[classOf[j]!]) {
        const id = okCount + j;
        const result = model.step(state, inputs[id]!, undefined);
        assert(result.ok, `model ${model.name} must accept an operation with unknown outcome from any state`);
        if (!model.equal(result.state, state) && !previousInfoIrrelevant(id, result.state) && remember(id, result.state)) {
          stackId[depth] = id;
          stackLimitOp[depth] = limitOp;
          stackState[depth] = state;
          depth++;
          state = result.state;
          infoNext[infoPrev[j]!] = infoNext[j]!;
          if (infoNext[j] !== nil) infoPrev[infoNext[j]!] = infoPrev[j]!;
          classDone[classOf[j]!]! += 1;
          inInfo = false;
          cursor = next[head]!;
          continue;
        }
      }
      cursor = infoNext[j]!;
      continue;
    }
    // Dead end: no candidate can be linearized before the limit return entry.
    if (depth > bestDepth) {
      bestDepth = depth;
      bestPrefix = Array.from(stackId.subarray(0, depth), (id) => searchToIndex[id]!);
      bestBlocking = okOps[limitOp]!;
    }
    if (depth === 0) return { verdict: false, longestPrefix: bestPrefix, blocking: bestBlocking, steps: meter.steps - stepsStart };
    depth--;
    const id = stackId[depth]!;
    state = stackState[depth] as State;
    stackState[depth] = undefined;
    if (id < okCount) {
      okBits[id >>> 5]! &= ~(1 << (id & 31));
      okHash ^= zobrist[id]!;
    } else {
      infoBits[(id - okCount) >>> 5]! &= ~(1 << ((id - okCount) & 31));
    }
    if (id < okCount) {
      const node = 2 * id;
      const ret = node + 1;
      if (next[ret] !== nil) prev[next[ret]!] = ret;
      next[prev[ret]!] = ret;
      prev[next[node]!] = node;
      next[prev[node]!] = node;
      inInfo = false;
      cursor = next[node]!;
    } else {
      const infoId = id - okCount;
      if (infoNext[infoId] !== nil) infoPrev[infoNext[infoId]!] = infoId;
      infoNext[infoPrev[infoId]!] = infoId;
      classDone[classOf[infoId]!]! -= 1;
      inInfo = true;
      limitOp = stackLimitOp[depth]!;
      limitTime = nodeTime[2 * limitOp + 1]!;
      cursor = infoNext[infoId]!;
    }
  }
}

// The linearizability search for one partition: Wing & Gong's algorithm with Lowe's memoisation, in the
// form Porcupine uses. Operations are call/return entries in a doubly linked list in real-time order; the
// candidates to linearize next are the call entries before the first return entry. Linearizing one lifts
// its call and return out of the list; a dead end pops an explicit stack (no recursion) and unlifts.
// A cache of (linearized bitset, model state) pairs prunes every configuration already explored. The
// search is a resumable object (`PartitionSearch.run(stepsQuantum)`) so the checker can interleave
// partitions; `searchPartition` runs one to the end.
//
// Refinements for reads (operations the model marks `readOnly`), which fix the state where they go:
// - a read that is a candidate and fits the state is placed at once, with no other branch;
// - with the model's `readMayFitLater` / `resets` hints: a configuration is abandoned when a read that
//   must still be placed can never fit any more, and states no read can observe before the next reset
//   are memoised as one ("blind").
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

const nil = -1;
/** Initial capacity of a cache, in groups; it doubles as needed. */
const groupsInitial = 32;
/** Stands for every blind state in the cache (see `isBlind`). */
const blindState: unique symbol = Symbol('blind state');
const blindHash = 0x5ca1ab1e;
/**
 * Reads beyond the candidates checked for being doomed at each new configuration (`readDoomed`): enough
 * to see the read that pins the order of a burst of concurrent appends, few enough to stay cheap.
 */
const readLookaheadMax = 4;

/** What the main loop does next. */
const enum Mode {
  /** A configuration just reached: look for a read to place first. */
  Fresh,
  /** Trying ok candidates from `cursor` in the main list. */
  Ok,
  /** Trying info operations from `cursor` in the info list, before the return entry of `limitOp`. */
  Info,
  /** No candidate left here: backtrack. */
  Dead,
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

/**
 * Explored configurations, in flat typed arrays (no object per entry): an open-addressing table of
 * groups keyed by (ok set, state), each group holding its ok bitset in one shared arena, its state, and
 * (when the partition has info operations) an antichain of info sets.
 */
class ConfigurationCache<State> {
  private readonly okWords: number;
  private readonly infoWords: number;
  private table = new Int32Array(groupsInitial * 2);
  private groupKey = new Int32Array(groupsInitial);
  private okArena: Uint32Array;
  private groupState: State[] = [];
  private groupInfo: Array<Uint32Array | undefined> = [];
  private groupInfoCount: Int32Array = new Int32Array(groupsInitial);
  private groups = 0;
  /** Groups plus every info set beyond a group's first: what `cacheEntriesMax` counts. */
  entries = 0;

  constructor(okCount: number, infoCount: number, private readonly equal: (left: State, right: State) => boolean) {
    this.okWords = (okCount + 31) >>> 5;
    this.infoWords = (infoCount + 31) >>> 5;
    this.okArena = new Uint32Array(groupsInitial * Math.max(this.okWords, 1));
  }

  /**
   * Record (okBits, infoBits, state) under `key`; false when it is dominated by a configuration already
   * recorded (same ok set and state, a subset of its info set). Returns the change in `entries` via the field.
   */
  remember(key: number, okBits: Uint32Array, infoBits: Uint32Array, state: State): boolean {
    const okWords = this.okWords;
    let mask = this.table.length - 1;
    let slot = mixHash(key) & mask;
    for (;;) {
      const found = this.table[slot]! - 1;
      if (found < 0) break;
      if (this.groupKey[found] === key && this.okBitsEqual(found, okBits) && this.equal(this.groupState[found]!, state)) {
        return this.infoWords === 0 ? false : this.rememberInfoSet(found, infoBits);
      }
      slot = (slot + 1) & mask;
    }
    const group = this.groups;
    if (group === this.groupKey.length) this.growGroups();
    if (2 * (group + 1) > this.table.length) {
      this.rehash();
      mask = this.table.length - 1;
      slot = mixHash(key) & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    }
    this.groups = group + 1;
    this.table[slot] = group + 1;
    this.groupKey[group] = key;
    this.okArena.set(okBits, group * okWords);
    this.groupState.push(state);
    this.entries++;
    if (this.infoWords > 0) {
      this.groupInfo.push(infoBits.slice());
      this.groupInfoCount[group] = 1;
    }
    return true;
  }

  /** Forget every configuration and give the memory back (the arrays grow again when needed). */
  clear(): void {
    if (this.groups === 0) return;
    this.table = new Int32Array(groupsInitial * 2);
    this.groupKey = new Int32Array(groupsInitial);
    this.okArena = new Uint32Array(groupsInitial * Math.max(this.okWords, 1));
    this.groupState = [];
    this.groupInfo = [];
    this.groupInfoCount = new Int32Array(groupsInitial);
    this.groups = 0;
    this.entries = 0;
  }

  private okBitsEqual(group: number, okBits: Uint32Array): boolean {
    const base = group * this.okWords;
    for (let word = 0; word < this.okWords; word++) {
      if (this.okArena[base + word] !== okBits[word]) return false;
    }
    return true;
  }

  /** Keep the group's info sets an antichain: refuse a superset of a stored set, drop stored supersets. */
  private rememberInfoSet(group: number, infoBits: Uint32Array): boolean {
    const infoWords = this.infoWords;
    let sets = this.groupInfo[group]!;
    const count = this.groupInfoCount[group]!;
    let kept = 0;
    for (let member = 0; member < count; member++) {
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
    this.entries += kept + 1 - count;
    if ((kept + 1) * infoWords > sets.length) {
      const grown = new Uint32Array(Math.max(sets.length * 2, (kept + 1) * infoWords));
      grown.set(sets.subarray(0, kept * infoWords));
      sets = grown;
      this.groupInfo[group] = grown;
    }
    sets.set(infoBits, kept * infoWords);
    this.groupInfoCount[group] = kept + 1;
    return true;
  }

  private growGroups(): void {
    const capacity = this.groupKey.length * 2;
    const keys = new Int32Array(capacity);
    keys.set(this.groupKey);
    this.groupKey = keys;
    const arena = new Uint32Array(capacity * Math.max(this.okWords, 1));
    arena.set(this.okArena);
    this.okArena = arena;
    const infoCounts = new Int32Array(capacity);
    infoCounts.set(this.groupInfoCount);
    this.groupInfoCount = infoCounts;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let group = 0; group < this.groups; group++) {
      let slot = mixHash(this.groupKey[group]!) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = group + 1;
    }
    this.table = table;
  }
}

/**
 * The search over one partition as a resumable state machine: `run(stepsQuantum)` advances it by at most
 * that many steps, so the checker can interleave partitions and take the first verdict that comes.
 */
export class PartitionSearch<State, Input, Output> {
  private readonly model: Model<State, Input, Output>;
  private readonly meter: BudgetMeter;
  private readonly okCount: number;
  private readonly okOps: number[];
  private readonly searchToIndex: number[];
  private readonly inputs: Input[];
  private readonly outputs: Array<Output | undefined>;
  /** Ok operations that never change the state (reads): placed as soon as they fit (see `Mode.Fresh`). */
  private readonly isRead: Uint8Array;
  /** By search id: operations that may reset the state (`Model.resets`; every non-read when it is omitted). */
  private readonly isReset: Uint8Array;
  private readonly nodeTime: Float64Array;
  private readonly head: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly infoHead: number;
  private readonly infoNext: Int32Array;
  private readonly infoPrev: Int32Array;
  private readonly infoInvokeTime: Float64Array;
  private readonly classOf: Int32Array;
  private readonly rankInClass: Int32Array;
  private readonly classDone: Int32Array;
  private readonly zobrist: Int32Array;
  private readonly okBits: Uint32Array;
  private readonly infoBits: Uint32Array;
  private okHash = 0;
  private cache: ConfigurationCache<State>;
  private readonly stackId: Int32Array;
  private readonly stackLimitOp: Int32Array;
  /** 1 when the frame placed a read that fitted: the configuration below it has no other branch. */
  private readonly stackForced: Uint8Array;
  private readonly stackState: Array<State | undefined>;
  private depth = 0;
  private state: State;
  private mode = Mode.Fresh;
  private cursor: number;
  private limitOp = -1;
  private limitTime = 0;
  private bestDepth = -1;
  private bestPrefix: number[] = [];
  private bestBlocking = -1;
  private stepsUsed = 0;
  private result: SearchResult | null = null;

  constructor(operations: readonly SearchOperation<Input, Output>[], model: Model<State, Input, Output>, meter: BudgetMeter) {
    this.model = model;
    this.meter = meter;
    const okOps: number[] = [];
    const infoOps: number[] = [];
    operations.forEach((operation, index) => (operation.info ? infoOps : okOps).push(index));
    infoOps.sort((left, right) => (operations[left]!.invokeTime - operations[right]!.invokeTime) || left - right);
    const okCount = okOps.length;
    const infoCount = infoOps.length;
    const count = okCount + infoCount;
    this.okCount = okCount;
    this.okOps = okOps;
    // Search ids: ok operations 0..okCount-1, info operations okCount.. in invoke order.
    this.searchToIndex = okOps.concat(infoOps);
    this.inputs = this.searchToIndex.map((index) => operations[index]!.input);
    this.outputs = this.searchToIndex.map((index) => operations[index]!.output);
    const readOnly = model.readOnly;
    this.isRead = Uint8Array.from(okOps, (index) => (readOnly !== undefined && readOnly(operations[index]!.input) ? 1 : 0));

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
    this.nodeTime = nodeTime;
    this.head = 2 * okCount;
    ({ next: this.next, prev: this.prev } = linkInOrder(nodeOrder, 2 * okCount));

    // Info list, in invoke order, with symmetry classes of equal inputs.
    this.infoHead = infoCount;
    ({ next: this.infoNext, prev: this.infoPrev } = linkInOrder(Array.from({ length: infoCount }, (_, j) => j), infoCount));
    this.infoInvokeTime = Float64Array.from(infoOps, (index) => operations[index]!.invokeTime);
    this.classOf = new Int32Array(infoCount);
    this.rankInClass = new Int32Array(infoCount);
    const classIds = new Map<string, number>();
    const classSizes: number[] = [];
    const inputKey = model.inputKey ?? ((input: Input) => JSON.stringify(input));
    for (let j = 0; j < infoCount; j++) {
      const key = inputKey(this.inputs[okCount + j]!);
      let classId = classIds.get(key);
      if (classId === undefined) {
        classId = classSizes.length;
        classIds.set(key, classId);
        classSizes.push(0);
      }
      this.classOf[j] = classId;
      this.rankInClass[j] = classSizes[classId]!;
      classSizes[classId]! += 1;
    }
    this.classDone = new Int32Array(classSizes.length);

    // Memoisation with dominance: a configuration is (ok set, info set, state). Having used fewer info
    // operations is never worse (they can always go at the end), so a configuration is pruned when one
    // with the same ok set and state and a subset of its info set has been explored or is being explored.
    // The key hashes the ok set (Zobrist, updated incrementally) and the state, not the info set.
    this.zobrist = Int32Array.from({ length: okCount }, (_, id) => mixHash(Math.imul(id + 1, 0x9e3779b1)));
    this.okBits = new Uint32Array((okCount + 31) >>> 5);
    this.infoBits = new Uint32Array((infoCount + 31) >>> 5);
    const equal = model.equal;
    this.cache = new ConfigurationCache<State>(okCount, infoCount, (left, right) => left === right || (left !== blindState && right !== blindState && equal(left, right)));
    const resets = model.resets;
    this.isReset = Uint8Array.from(this.inputs, (input, id) => (id < okCount && this.isRead[id] === 1 ? 0 : resets === undefined || resets(input) ? 1 : 0));
    this.stackId = new Int32Array(count);
    this.stackLimitOp = new Int32Array(count);
    this.stackForced = new Uint8Array(count);
    this.stackState = new Array<State | undefined>(count);
    this.state = model.init();
    this.cursor = this.next[this.head]!;
  }

  /** True once `run` has returned a result (a verdict, or null for an exhausted budget). */
  get decided(): boolean {
    return this.result !== null;
  }

  /** Cache entries this search holds (counted in the meter too). */
  get cacheEntries(): number {
    return this.cache.entries;
  }

  /** Forget the cache (after a verdict, or when the caches of all searches outgrow their bound). */
  release(): void {
    this.meter.noteCacheEntries(-this.cache.entries);
    this.cache.clear();
  }

  /**
   * Advance by at most `stepsQuantum` steps. Returns the result once decided (a verdict, or null when
   * the meter's budget ran out), or undefined when the quantum ran out first: call again to go on.
   */
  run(stepsQuantum: number): SearchResult | undefined {
    if (this.result !== null) return this.result;
    const result = this.advance(stepsQuantum);
    if (result !== undefined) {
      this.result = result;
      this.release();
    }
    return result;
  }

  /** Record the configuration reached by placing `id` into `state`; false when it is dominated. */
  private remember(id: number, state: State): boolean {
    const isOk = id < this.okCount;
    const bits = isOk ? this.okBits : this.infoBits;
    const bit = isOk ? id : id - this.okCount;
    bits[bit >>> 5]! |= 1 << (bit & 31);
    const hash = isOk ? this.okHash ^ this.zobrist[id]! : this.okHash;
    const blind = this.isBlind(id, state);
    const key = (hash + Math.imul(blind ? blindHash : this.model.hash(state), 0x27d4eb2f)) | 0;
    const entriesBefore = this.cache.entries;
    if (!this.cache.remember(key, this.okBits, this.infoBits, blind ? (blindState as State) : state)) {
      bits[bit >>> 5]! &= ~(1 << (bit & 31));
      return false;
    }
    this.okHash = hash;
    if (!this.meter.noteCacheEntries(this.cache.entries - entriesBefore)) {
      // Over the bound: forget everything explored so far. Exact still (the cache only prunes), slower.
      this.meter.cacheResets++;
      this.release();
    }
    return true;
  }

  /**
   * Is `state`, reached by placing the non-read `id`, blind: can no read still to be placed before the
   * next reset fit it or any state grown from it (`readMayFitLater`)? Then what it holds no longer
   * matters: every continuation places only non-reset operations (accepted from any state, by the
   * hook's contract) until a reset, after which the state does not depend on it. So all blind states
   * with the same operations placed are one configuration, and the cache stores them as one. This is
   * what keeps a burst of appends that a put overwrites unseen from being explored in every order.
   * The reads that could come before the next reset are those invoked before the earliest return of an
   * unplaced ok reset (that reset must precede any read invoked after it returned).
   */
  private isBlind(id: number, state: State): boolean {
    const readMayFitLater = this.model.readMayFitLater;
    if (readMayFitLater === undefined || (id < this.okCount && this.isRead[id] === 1)) return false;
    const next = this.next;
    const skip = id < this.okCount ? 2 * id + 1 : -2;
    for (let node = next[this.head]!; node !== nil; node = next[node]!) {
      const k = node >>> 1;
      if ((node & 1) === 1) {
        if (this.isReset[k] === 1 && node !== skip) return true;
        continue;
      }
      if (this.isRead[k] === 1 && readMayFitLater(state, this.inputs[k]!, this.outputs[k] as Output)) return false;
    }
    return true;
  }

  /** Push the frame for placing `id` from the current state into `nextState`. */
  private push(id: number, nextState: State, forced: boolean): void {
    const depth = this.depth;
    this.stackId[depth] = id;
    this.stackLimitOp[depth] = this.limitOp;
    this.stackForced[depth] = forced ? 1 : 0;
    this.stackState[depth] = this.state;
    this.depth = depth + 1;
    this.state = nextState;
  }

  /** Lift the call node of ok operation `k` and its return node out of the main list. */
  private lift(k: number): void {
    const next = this.next;
    const prev = this.prev;
    const node = 2 * k;
    const ret = node + 1;
    next[prev[node]!] = next[node]!;
    prev[next[node]!] = prev[node]!;
    next[prev[ret]!] = next[ret]!;
    if (next[ret] !== nil) prev[next[ret]!] = prev[ret]!;
  }

  /** The first return node in the main list: its operation bounds every candidate. */
  private firstReturn(): number {
    let node = this.next[this.head]!;
    while ((node & 1) === 0) node = this.next[node]!;
    return node;
  }

  /**
   * Info operation `id` would follow another info operation directly and lead to the same state as it
   * would without that one (a blind write after anything, say): the shorter run dominates, and is
   * explored as a sibling, so this one is skipped. (An info operation that changes nothing is skipped
   * too, dominated by the configuration it starts from.)
   */
  private previousInfoIrrelevant(id: number, nextState: State): boolean {
    const depth = this.depth;
    if (depth === 0 || this.stackId[depth - 1]! < this.okCount) return false;
    const without = this.model.step(this.stackState[depth - 1] as State, this.inputs[id]!, undefined);
    assert(without.ok, 'info operations are accepted from any state');
    return this.model.equal(without.state, nextState);
  }

  /**
   * Read `k` does not fit now. Is it doomed: the model says no non-reset operations can make it fit
   * (`readMayFitLater`), and no unplaced reset that can still come before its completion would?
   */
  private readDoomed(k: number): boolean {
    const model = this.model;
    const readMayFitLater = model.readMayFitLater;
    if (readMayFitLater === undefined) return false;
    const output = this.outputs[k] as Output;
    if (readMayFitLater(this.state, this.inputs[k]!, output)) return false;
    const resets = model.resets;
    const rescues = (id: number): boolean => {
      if (this.isRead[id] === 1) return false;
      if (resets === undefined) return true;
      if (!resets(this.inputs[id]!)) return false;
      const after = model.step(this.state, this.inputs[id]!, this.outputs[id]);
      return after.ok && readMayFitLater(after.state, this.inputs[k]!, output);
    };
    const returnNode = 2 * k + 1;
    for (let node = this.next[this.head]!; node !== returnNode; node = this.next[node]!) {
      if ((node & 1) === 0 && rescues(node >>> 1)) return false;
    }
    const returnTime = this.nodeTime[returnNode]!;
    for (let j = this.infoNext[this.infoHead]!; j !== nil && this.infoInvokeTime[j]! <= returnTime; j = this.infoNext[j]!) {
      if (rescues(this.okCount + j)) return false;
    }
    return true;
  }

  private linearization(): number[] {
    return Array.from(this.stackId.subarray(0, this.depth), (id) => this.searchToIndex[id]!);
  }

  private advance(stepsQuantum: number): SearchResult | undefined {
    const { model, meter, next, okCount, inputs, outputs, isRead, head } = this;
    const stepsEnd = this.stepsUsed + stepsQuantum;
    for (;;) {
      if (next[head] === nil) return { verdict: true, linearization: this.linearization(), steps: this.stepsUsed };
      if (this.stepsUsed >= stepsEnd) return undefined;
      if (!meter.tick()) return { verdict: null, steps: this.stepsUsed };
      this.stepsUsed++;
      switch (this.mode) {
        case Mode.Fresh: {
          // A read that fits the state now goes first, with no other branch: moving a read earlier to
          // where it is a candidate and fits keeps any linearization valid (it changes nothing, and every
          // operation that must precede it is already placed), so this configuration succeeds exactly
          // when the one after the read does.
          this.mode = Mode.Ok;
          this.cursor = next[head]!;
          let pastFirstReturn = false;
          let lookahead = readLookaheadMax;
          for (let node = next[head]!; node !== nil; node = next[node]!) {
            if ((node & 1) === 1) {
              pastFirstReturn = true;
              continue;
            }
            const k = node >>> 1;
            if (isRead[k] === 0) continue;
            if (pastFirstReturn) {
              // Not a candidate yet, but it must fit some state reached from this one.
              if (this.readDoomed(k)) {
                this.limitOp = k;
                this.mode = Mode.Dead;
              }
              if (this.mode === Mode.Dead || --lookahead === 0) break;
              continue;
            }
            const result = model.step(this.state, inputs[k]!, outputs[k]);
            if (!result.ok) {
              if (this.readDoomed(k)) {
                this.limitOp = k;
                this.mode = Mode.Dead;
                break;
              }
              continue;
            }
            if (this.remember(k, result.state)) {
              this.push(k, result.state, true);
              this.lift(k);
              this.mode = Mode.Fresh;
            } else {
              this.limitOp = this.firstReturn() >>> 1;
              this.mode = Mode.Dead; // explored before from here, and it failed
            }
            break;
          }
          continue;
        }
        case Mode.Ok: {
          const node = this.cursor;
          assert(node !== nil, 'the main list always ends with a return entry');
          if ((node & 1) === 0) {
            const k = node >>> 1;
            this.cursor = next[node]!;
            if (isRead[k] !== 0) continue; // reads that fit were placed in Mode.Fresh
            const result = model.step(this.state, inputs[k]!, outputs[k]);
            if (result.ok && this.remember(k, result.state)) {
              this.push(k, result.state, false);
              this.lift(k);
              this.mode = Mode.Fresh;
            }
            continue;
          }
          // First return entry: no ok candidate left; try the info operations invoked before it.
          this.limitOp = node >>> 1;
          this.limitTime = this.nodeTime[node]!;
          this.mode = Mode.Info;
          this.cursor = this.infoNext[this.infoHead]!;
          continue;
        }
        case Mode.Info: {
          const j = this.cursor;
          if (j === nil || this.infoInvokeTime[j]! > this.limitTime) {
            this.mode = Mode.Dead;
            continue;
          }
          this.cursor = this.infoNext[j]!;
          if (this.rankInClass[j] !== this.classDone[this.classOf[j]!]) continue;
          const id = okCount + j;
          const result = model.step(this.state, inputs[id]!, undefined);
          assert(result.ok, `model ${model.name} must accept an operation with unknown outcome from any state`);
          if (model.equal(result.state, this.state) || this.previousInfoIrrelevant(id, result.state) || !this.remember(id, result.state)) continue;
          this.push(id, result.state, false);
          const infoNext = this.infoNext;
          const infoPrev = this.infoPrev;
          infoNext[infoPrev[j]!] = infoNext[j]!;
          if (infoNext[j] !== nil) infoPrev[infoNext[j]!] = infoPrev[j]!;
          this.classDone[this.classOf[j]!]! += 1;
          this.mode = Mode.Fresh;
          continue;
        }
        case Mode.Dead: {
          const result = this.backtrack();
          if (result !== undefined) return result;
          continue;
        }
      }
    }
  }

  /** No candidate can be placed before the limit return entry: record the prefix and pop one frame. */
  private backtrack(): SearchResult | undefined {
    const depth = this.depth;
    if (depth > this.bestDepth) {
      this.bestDepth = depth;
      this.bestPrefix = this.linearization();
      this.bestBlocking = this.okOps[this.limitOp]!;
    }
    if (depth === 0) return { verdict: false, longestPrefix: this.bestPrefix, blocking: this.bestBlocking, steps: this.stepsUsed };
    this.depth = depth - 1;
    const top = depth - 1;
    const id = this.stackId[top]!;
    this.state = this.stackState[top] as State;
    this.stackState[top] = undefined;
    const okCount = this.okCount;
    if (id < okCount) {
      this.okBits[id >>> 5]! &= ~(1 << (id & 31));
      this.okHash ^= this.zobrist[id]!;
      const next = this.next;
      const prev = this.prev;
      const node = 2 * id;
      const ret = node + 1;
      if (next[ret] !== nil) prev[next[ret]!] = ret;
      next[prev[ret]!] = ret;
      prev[next[node]!] = node;
      next[prev[node]!] = node;
      if (this.stackForced[top] === 1) {
        // The read was the only branch here: this configuration failed too.
        this.limitOp = this.firstReturn() >>> 1;
        this.mode = Mode.Dead;
      } else {
        this.mode = Mode.Ok;
        this.cursor = next[node]!;
      }
      return undefined;
    }
    const infoId = id - okCount;
    this.infoBits[infoId >>> 5]! &= ~(1 << (infoId & 31));
    const infoNext = this.infoNext;
    const infoPrev = this.infoPrev;
    if (infoNext[infoId] !== nil) infoPrev[infoNext[infoId]!] = infoId;
    infoNext[infoPrev[infoId]!] = infoId;
    this.classDone[this.classOf[infoId]!]! -= 1;
    this.mode = Mode.Info;
    this.limitOp = this.stackLimitOp[top]!;
    this.limitTime = this.nodeTime[2 * this.limitOp + 1]!;
    this.cursor = infoNext[infoId]!;
    return undefined;
  }
}

/** Search one partition to the end (or until the meter's budget runs out). */
export function searchPartition<State, Input, Output>(
  operations: readonly SearchOperation<Input, Output>[],
  model: Model<State, Input, Output>,
  meter: BudgetMeter,
): SearchResult {
  const search = new PartitionSearch(operations, model, meter);
  const result = search.run(Number.POSITIVE_INFINITY);
  assert(result !== undefined, 'an unbounded quantum ends with a result');
  return result;
}

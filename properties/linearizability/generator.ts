// Generates histories by running a sequential implementation under random concurrency: processes invoke
// operations, each takes effect at one random moment between its invoke and completion (the sequential
// model applied in that order), and some completions are lost (`info`), taking effect or not. Such a
// history is linearizable by construction. Used by the property tests and the benchmarks; seeded, so a
// history is replayable from (seed, options).

import { assert } from '../../sim/assert.js';
import type { EventId, EventlogInput, EventlogOutput } from './eventlog.js';
import type { KvInput, KvOutput } from './kv.js';
import type { Operation } from './operation.js';
import { createPrng, type Prng } from './prng.js';
import type { RegisterInput, RegisterOutput, RegisterState } from './register.js';

export interface Applied<State, Output> {
  readonly state: State;
  readonly output: Output;
  /** True when the operation has no effect and completes `fail` (a cas or append whose check failed). */
  readonly failed: boolean;
}

/** A sequential implementation plus a random operation mix: the input of a generated history. */
export interface Workload<State, Input, Output> {
  readonly init: State;
  nextInput(prng: Prng): Input;
  apply(state: State, input: Input): Applied<State, Output>;
  isRead(input: Input): boolean;
  /** A different, plausible result for a completed read (to plant a bug). */
  corruptRead(input: Input, output: Output, prng: Prng): Output;
}

export interface GenerateOptions {
  readonly operations: number;
  readonly processes: number;
  /** Percent of non-read operations whose completion is lost (`info`); half of those take effect. */
  readonly infoPercentWrites: number;
  /** Percent of reads whose completion is lost. */
  readonly infoPercentReads?: number;
}

const operationsMax = 1_000_000;

interface Running<Input, Output> {
  readonly process: number;
  readonly input: Input;
  readonly invokeTime: number;
  readonly endsInfo: boolean;
  applied: { output: Output; failed: boolean } | null;
}

export function generateHistory<State, Input, Output>(
  workload: Workload<State, Input, Output>,
  prng: Prng,
  options: GenerateOptions,
): Operation<Input, Output>[] {
  assert(options.operations >= 0 && options.operations <= operationsMax, `operations must be in 0..${operationsMax}`);
  assert(options.processes >= 1, 'processes must be >= 1');
  const history: Operation<Input, Output>[] = [];
  const slots: Array<Running<Input, Output> | null> = new Array<Running<Input, Output> | null>(options.processes).fill(null);
  const processIds = Array.from({ length: options.processes }, (_, slot) => slot);
  let state = workload.init;
  let invoked = 0;
  let time = 0;
  let running = 0;
  // Each iteration invokes, applies or completes one operation: at most 3 per operation.
  for (let iteration = 0; iteration < 3 * options.operations; iteration++) {
    if (invoked >= options.operations && running === 0) break;
    // Once every operation is invoked, only busy slots can act: every iteration makes progress.
    const busy = invoked >= options.operations ? processIds.map((_, slot) => slot).filter((slot) => slots[slot] !== null) : null;
    const slot = busy === null ? prng.intInclusive(0, options.processes - 1) : prng.pick(busy);
    const current = slots[slot] ?? null;
    time++;
    if (current === null) {
      assert(invoked < options.operations, 'an idle slot is only picked while operations remain');
      const input = workload.nextInput(prng);
      const percent = workload.isRead(input) ? (options.infoPercentReads ?? 0) : options.infoPercentWrites;
      slots[slot] = { process: processIds[slot]!, input, invokeTime: time, endsInfo: prng.intInclusive(0, 99) < percent, applied: null };
      invoked++;
      running++;
      continue;
    }
    if (current.applied === null && !(current.endsInfo && prng.chance(1, 2))) {
      const applied = workload.apply(state, current.input);
      state = applied.state;
      current.applied = { output: applied.output, failed: applied.failed };
      continue;
    }
    slots[slot] = null;
    running--;
    const base = { process: current.process, input: current.input, invokeTime: current.invokeTime };
    if (current.endsInfo) {
      history.push({ ...base, outcome: 'info' });
      processIds[slot]! += options.processes; // Jepsen style: a crashed client comes back as a new process
    } else if (current.applied === null) {
      // Completing before taking effect is not allowed for ok/fail: take effect right now.
      const applied = workload.apply(state, current.input);
      state = applied.state;
      history.push({ ...base, outcome: applied.failed ? 'fail' : 'ok', output: applied.output, completeTime: time });
    } else {
      history.push({ ...base, outcome: current.applied.failed ? 'fail' : 'ok', output: current.applied.output, completeTime: time });
    }
  }
  assert(running === 0, 'every generated operation completes');
  return history.sort((left, right) => left.invokeTime - right.invokeTime);
}

export function registerWorkload(valuesMax: number): Workload<RegisterState, RegisterInput, RegisterOutput> {
  assert(valuesMax >= 1, 'register workload needs at least one value');
  return {
    init: null,
    nextInput(prng) {
      const kind = prng.intInclusive(0, 2);
      if (kind === 0) return { f: 'read' };
      if (kind === 1) return { f: 'write', value: prng.intInclusive(0, valuesMax - 1) };
      return { f: 'cas', expected: prng.intInclusive(0, valuesMax - 1), value: prng.intInclusive(0, valuesMax - 1) };
    },
    apply(state, input) {
      if (input.f === 'read') return { state, output: state, failed: false };
      if (input.f === 'write') return { state: input.value, output: input.value, failed: false };
      return state === input.expected ? { state: input.value, output: input.value, failed: false } : { state, output: input.value, failed: true };
    },
    isRead: (input) => input.f === 'read',
    corruptRead(_input, output, prng) {
      const choices: RegisterOutput[] = [null];
      for (let value = 0; value < valuesMax + 1; value++) choices.push(value);
      return prng.pick(choices.filter((choice) => choice !== output));
    },
  };
}

export function kvWorkload(keys: readonly string[]): Workload<ReadonlyMap<string, string>, KvInput, KvOutput> {
  assert(keys.length >= 1, 'kv workload needs at least one key');
  const letters = ['a', 'b', 'c', 'd'];
  return {
    init: new Map(),
    nextInput(prng) {
      const key = prng.pick(keys);
      const kind = prng.intInclusive(0, 2);
      if (kind === 0) return { f: 'get', key };
      return { f: kind === 1 ? 'put' : 'append', key, value: prng.pick(letters) };
    },
    apply(state, input) {
      const current = state.get(input.key) ?? '';
      if (input.f === 'get') return { state, output: current, failed: false };
      const next = new Map(state);
      next.set(input.key, input.f === 'put' ? input.value : current + input.value);
      return { state: next, output: input.value, failed: false };
    },
    isRead: (input) => input.f === 'get',
    corruptRead(_input, output, prng) {
      return prng.chance(1, 2) && output.length > 0 ? output.slice(0, -1) : `${output}${prng.pick(letters)}`;
    },
  };
}

export function eventlogWorkload(streams: readonly string[]): Workload<ReadonlyMap<string, readonly EventId[]>, EventlogInput, EventlogOutput> {
  assert(streams.length >= 1, 'eventlog workload needs at least one stream');
  let nextEventId = 1;
  return {
    init: new Map(),
    nextInput(prng) {
      const stream = prng.pick(streams);
      if (prng.chance(1, 3)) return { f: 'read', stream };
      const events: EventId[] = [];
      const count = prng.intInclusive(1, 2);
      for (let index = 0; index < count; index++) events.push(nextEventId++);
      const choice = prng.intInclusive(0, 3);
      const expectedVersion = choice === 0 ? 'any' : choice === 1 ? 'no_stream' : prng.intInclusive(0, 4);
      return { f: 'append', stream, expectedVersion, events };
    },
    apply(state, input) {
      const current = state.get(input.stream) ?? [];
      if (input.f === 'read') return { state, output: current, failed: false };
      const version = current.length;
      const expectedVersion = input.expectedVersion;
      const matches = expectedVersion === 'any' || (expectedVersion === 'no_stream' ? version === 0 : expectedVersion === 'stream_exists' ? version > 0 : version === expectedVersion);
      if (!matches) return { state, output: version, failed: true };
      const stream = [...current, ...input.events];
      const next = new Map(state);
      next.set(input.stream, stream);
      return { state: next, output: stream.length, failed: false };
    },
    isRead: (input) => input.f === 'read',
    corruptRead(_input, output, prng) {
      const events = output as readonly EventId[];
      if (events.length > 0 && prng.chance(1, 2)) return events.slice(0, -1);
      return [...events, 1_000_000 + prng.intInclusive(0, 9)];
    },
  };
}

export interface KvMixOptions {
  /** Percent of operations that are gets, appends and puts (the rest); each in 0..100, summing to <= 100. */
  readonly getPercent: number;
  readonly appendPercent: number;
}

/**
 * kv with a chosen operation mix and values that are unique per write (`x<n>y`, as in Jepsen-style kv
 * tests where each client appends its own tagged values), so appended strings grow long and every order
 * of concurrent appends gives a different string: the hard shape for a kv checker.
 */
export function kvMixWorkload(keys: readonly string[], mix: KvMixOptions): Workload<ReadonlyMap<string, string>, KvInput, KvOutput> {
  assert(keys.length >= 1, 'kv workload needs at least one key');
  assert(mix.getPercent >= 0 && mix.appendPercent >= 0 && mix.getPercent + mix.appendPercent <= 100, 'kv mix percents must be >= 0 and sum to <= 100');
  const plain = kvWorkload(keys);
  let nextValue = 0;
  return {
    ...plain,
    nextInput(prng) {
      const key = prng.pick(keys);
      const roll = prng.intInclusive(0, 99);
      if (roll < mix.getPercent) return { f: 'get', key };
      const value = `x${nextValue++}y`;
      return { f: roll < mix.getPercent + mix.appendPercent ? 'append' : 'put', key, value };
    },
  };
}

/** Replace the result of one completed read, picked at random, with a different plausible one. */
export function corruptRandomRead<State, Input, Output>(
  history: readonly Operation<Input, Output>[],
  workload: Workload<State, Input, Output>,
  prng: Prng,
): { history: Operation<Input, Output>[]; index: number } | null {
  const reads = history.flatMap((operation, index) => (operation.outcome === 'ok' && workload.isRead(operation.input) ? [index] : []));
  if (reads.length === 0) return null;
  const index = reads[prng.intInclusive(0, reads.length - 1)]!;
  const corrupted = history.map((operation, at) => (at === index ? { ...operation, output: workload.corruptRead(operation.input, operation.output as Output, prng) } : operation));
  return { history: corrupted, index };
}

/**
 * The concurrent kv shape of Jepsen-style kv tests: 50 processes over 10 keys, 45% gets, 45% appends of
 * unique values, 10% puts, short overlapping operations (each key sees a handful at once), about
 * 200 operations and 100 appends per key. Linearizable by construction, or with one random get
 * corrupted (`corrupt`).
 */
export function concurrentKvHistory(seed: number, options: { operations?: number; corrupt?: boolean; infoPercentWrites?: number } = {}): {
  history: Operation<KvInput, KvOutput>[];
  corruptedKey: string | null;
} {
  const keys = Array.from({ length: 10 }, (_, index) => `${index}`);
  const workload = kvMixWorkload(keys, { getPercent: 45, appendPercent: 45 });
  const history = generateHistory(workload, createPrng(seed), { operations: options.operations ?? 2_000, processes: 50, infoPercentWrites: options.infoPercentWrites ?? 0 });
  if (options.corrupt !== true) return { history, corruptedKey: null };
  const corrupted = corruptRandomRead(history, workload, createPrng(seed ^ 0x55));
  assert(corrupted !== null, 'a generated kv history has a completed get');
  return { history: corrupted.history, corruptedKey: corrupted.history[corrupted.index]!.input.key };
}

// Proves checkHistory on in-memory histories: real-time order from invoke/complete times (ties overlap),
// fail and info semantics, P-compositional partitions, a budget that yields null (never a guess), the
// structured failure and its plain-words explanation, and assertions on malformed in-memory operations.

import { describe, expect, it } from 'vitest';
import { AssertionError } from '../../sim/assert.js';
import { checkHistory } from './checker.js';
import { eventlogModel, type EventlogInput, type EventlogOutput, type ExpectedVersion } from './eventlog.js';
import { generateHistory, registerWorkload } from './generator.js';
import { kvModel, type KvInput, type KvOutput } from './kv.js';
import type { Operation } from './operation.js';
import { createPrng } from './prng.js';
import { registerModel, type RegisterInput, type RegisterOutput } from './register.js';

type RegisterOp = Operation<RegisterInput, RegisterOutput>;

const write = (process: number, value: number, invokeTime: number, completeTime: number): RegisterOp => ({
  process,
  input: { f: 'write', value },
  outcome: 'ok',
  output: value,
  invokeTime,
  completeTime,
});
const read = (process: number, value: number | null, invokeTime: number, completeTime: number): RegisterOp => ({
  process,
  input: { f: 'read' },
  outcome: 'ok',
  output: value,
  invokeTime,
  completeTime,
});

describe('real-time order', () => {
  it('treats equal times as overlapping and strictly earlier completions as preceding', () => {
    expect(checkHistory([write(0, 1, 0, 10), read(1, null, 10, 12)], registerModel).linearizable).toBe(true);
    expect(checkHistory([write(0, 1, 0, 10), read(1, null, 11, 12)], registerModel).linearizable).toBe(false);
  });

  it('drops fail operations and lets info operations take effect any time after their invoke, or never', () => {
    const lost: RegisterOp = { process: 2, input: { f: 'write', value: 5 }, outcome: 'info', invokeTime: 20 };
    const failed: RegisterOp = { process: 3, input: { f: 'write', value: 6 }, outcome: 'fail', invokeTime: 1, completeTime: 2 };
    expect(checkHistory([write(0, 1, 0, 1), lost, failed, read(1, 1, 30, 31)], registerModel).linearizable).toBe(true);
    expect(checkHistory([write(0, 1, 0, 1), lost, failed, read(1, 5, 30, 31)], registerModel).linearizable).toBe(true);
    expect(checkHistory([write(0, 1, 0, 1), lost, failed, read(1, 5, 10, 11)], registerModel).linearizable).toBe(false);
    expect(checkHistory([write(0, 1, 0, 1), lost, failed, read(1, 6, 30, 31)], registerModel).linearizable).toBe(false);
  });
});

describe('partitions', () => {
  it('checks kv keys independently and counts the parts', () => {
    const op = (process: number, f: KvInput['f'], key: string, value: string, invokeTime: number): Operation<KvInput, KvOutput> => ({
      process,
      input: f === 'get' ? { f, key } : { f, key, value },
      outcome: 'ok',
      output: value,
      invokeTime,
      completeTime: invokeTime + 1,
    });
    const history = [op(0, 'put', 'a', 'x', 0), op(1, 'append', 'b', 'y', 0), op(0, 'get', 'a', 'x', 5), op(1, 'get', 'b', 'y', 5)];
    const result = checkHistory(history, kvModel);
    expect(result).toMatchObject({ linearizable: true, operations: 4, partitions: 2, failure: null });
    const broken = checkHistory([...history, op(2, 'get', 'b', 'yy', 9)], kvModel);
    expect(broken.linearizable).toBe(false);
    expect(broken.failure?.partition).toBe('b');
    expect(broken.failure?.partitionOperations).toEqual([1, 3, 4]);
  });

  it('reports an eventlog history from a run with one read corrupted as not linearizable', () => {
    const append = (process: number, events: string[], expectedVersion: ExpectedVersion, version: number, invokeTime: number): Operation<EventlogInput, EventlogOutput> => ({
      process,
      input: { f: 'append', stream: 'orders', expectedVersion, events },
      outcome: 'ok',
      output: version,
      invokeTime,
      completeTime: invokeTime + 3,
    });
    const readStream = (process: number, events: string[], invokeTime: number): Operation<EventlogInput, EventlogOutput> => ({
      process,
      input: { f: 'read', stream: 'orders' },
      outcome: 'ok',
      output: events,
      invokeTime,
      completeTime: invokeTime + 3,
    });
    const history = [append(0, ['e1'], 'no_stream', 1, 0), append(1, ['e2', 'e3'], 1, 3, 4), readStream(2, ['e1', 'e2', 'e3'], 8)];
    expect(checkHistory(history, eventlogModel).linearizable).toBe(true);
    const corrupted = [...history.slice(0, 2), readStream(2, ['e1', 'e3'], 8)];
    const result = checkHistory(corrupted, eventlogModel);
    expect(result.linearizable).toBe(false);
    expect(result.explanation).toContain('the stream is at version 3 holding ["e1","e2","e3"]');
  });
});

describe('budget', () => {
  const history = generateHistory(registerWorkload(5), createPrng(7), { operations: 300, processes: 8, infoPercentWrites: 20 });

  it('gives null, not a guess, when the steps run out, and decides with enough of them', () => {
    const starved = checkHistory(history, registerModel, { budget: { stepsMax: 50 } });
    expect(starved).toMatchObject({ linearizable: null, exhausted: 'steps', failure: null });
    expect(starved.explanation).toMatch(/^Unknown: the steps budget ran out after 50 search steps/);
    expect(checkHistory(history, registerModel).linearizable).toBe(true);
  });

  it('keeps the cache within its bound by forgetting it, and still decides (memory never makes it unknown)', () => {
    expect(checkHistory(history, registerModel, { budget: { cacheEntriesMax: 10 } })).toMatchObject({ linearizable: true, exhausted: null });
    const stale = [write(0, 1, 0, 10), write(1, 2, 1, 3), read(2, 2, 4, 6), read(3, 1, 5, 7), read(4, 2, 11, 12)];
    expect(checkHistory(stale, registerModel, { budget: { cacheEntriesMax: 1 } })).toMatchObject({ linearizable: false, exhausted: null });
  });
});

describe('explanation', () => {
  it('names the longest prefix, the state after it and the operations that could not be placed', () => {
    const history = [write(0, 1, 0, 10), read(1, 1, 2, 4), read(2, null, 5, 6)];
    const result = checkHistory(history, registerModel);
    expect(result.failure).toEqual({
      partition: null,
      partitionOperations: [0, 1, 2],
      longestPrefix: [0, 1],
      blocking: 2,
      candidates: [{ operation: 2, fitsState: false }],
      stateAfterPrefix: 'the register holds 1',
    });
    expect(result.explanation).toMatchInlineSnapshot(`
      "Not linearizable: no order of the 3 operations that respects real time is allowed by the register model.
      The longest linearizable prefix found places 2 operations, each taking effect between its invoke and completion:
        1. process 0 write 1 (operation #0, time 0–10)
        2. process 1 read → 1 (operation #1, time 2–4)
      After that prefix the register holds 1. None of the operations that could come next can be placed:
        - process 2 read → null (operation #2, time 5–6): its result contradicts this state
      So process 2 read → null (operation #2, time 5–6) cannot be placed before it completed."
    `);
  });
});

describe('malformed in-memory operations are programmer errors', () => {
  it('asserts on an ok operation without output or with completion before invoke', () => {
    const noOutput: RegisterOp = { process: 0, input: { f: 'read' }, outcome: 'ok', invokeTime: 0, completeTime: 1 };
    expect(() => checkHistory([noOutput], registerModel)).toThrow(AssertionError);
    expect(() => checkHistory([write(0, 1, 5, 4)], registerModel)).toThrow(/completeTime must be >= invokeTime \(got 4 < 5\)/);
  });
});

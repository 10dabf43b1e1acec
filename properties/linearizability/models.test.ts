// Proves the sequential semantics of the built-in models step by step (register cas, kv append, eventlog
// expected versions and reads), that every model accepts an unknown-outcome operation from any state,
// and, with fast-check, that `hash` agrees with `equal` on states reached by random operation sequences.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from './checker.js';
import { eventlogModel, streamEvents, type EventlogInput, type EventlogState, type ExpectedVersion } from './eventlog.js';
import { kvModel, kvText } from './kv.js';
import type { Model } from './model.js';
import { registerModel } from './register.js';

function run<State, Input, Output>(model: Model<State, Input, Output>, steps: ReadonlyArray<readonly [Input, Output | undefined]>): State | 'rejected' {
  let state = model.init();
  for (const [input, output] of steps) {
    const result = model.step(state, input, output);
    if (!result.ok) return 'rejected';
    state = result.state;
  }
  return state;
}

describe('register', () => {
  it('reads null before any write, and cas swaps only on a match', () => {
    expect(run(registerModel, [[{ f: 'read' }, null]])).toBeNull();
    expect(run(registerModel, [[{ f: 'write', value: 1 }, 1], [{ f: 'cas', expected: 1, value: 2 }, 2], [{ f: 'read' }, 2]])).toBe(2);
    expect(run(registerModel, [[{ f: 'write', value: 1 }, 1], [{ f: 'cas', expected: 3, value: 2 }, 2]])).toBe('rejected');
    expect(run(registerModel, [[{ f: 'write', value: 1 }, 1], [{ f: 'cas', expected: 3, value: 2 }, undefined]])).toBe(1);
    expect(registerModel.describeOperation({ f: 'cas', expected: 1, value: 4 }, undefined)).toBe('cas 1→4');
  });
});

describe('kv', () => {
  it('puts replace, appends concatenate, gets observe; keys partition', () => {
    const appended = run(kvModel, [[{ f: 'append', key: 'k', value: 'a' }, 'a'], [{ f: 'append', key: 'k', value: 'bc' }, 'bc'], [{ f: 'get', key: 'k' }, 'abc']]);
    expect(appended !== 'rejected' && kvText(appended)).toBe('abc');
    expect(run(kvModel, [[{ f: 'append', key: 'k', value: 'ab' }, 'ab'], [{ f: 'get', key: 'k' }, 'ac']])).toBe('rejected');
    const overwritten = run(kvModel, [[{ f: 'append', key: 'k', value: 'a' }, 'a'], [{ f: 'put', key: 'k', value: 'xy' }, 'xy'], [{ f: 'append', key: 'k', value: 'z' }, 'z'], [{ f: 'get', key: 'k' }, 'xyz']]);
    expect(overwritten !== 'rejected' && kvText(overwritten)).toBe('xyz');
    expect(run(kvModel, [[{ f: 'put', key: 'k', value: 'a' }, 'a'], [{ f: 'get', key: 'k' }, '']])).toBe('rejected');
    expect(kvModel.partition!({ f: 'get', key: 'user:7' })).toBe('user:7');
  });
});

describe('eventlog', () => {
  const append = (expectedVersion: ExpectedVersion, events: Array<string | number>): EventlogInput => ({ f: 'append', stream: 's', expectedVersion, events });
  const read: EventlogInput = { f: 'read', stream: 's' };

  it('honours each kind of expected version and returns the new version', () => {
    expect(streamEvents(run(eventlogModel, [[append('no_stream', ['a']), 1], [append(1, ['b', 'c']), 3], [append('stream_exists', [4]), 4], [append('any', ['d']), 5]]) as EventlogState)).toEqual(['a', 'b', 'c', 4, 'd']);
    expect(run(eventlogModel, [[append('stream_exists', ['a']), 1]])).toBe('rejected');
    expect(run(eventlogModel, [[append('any', ['a']), 1], [append('no_stream', ['b']), 2]])).toBe('rejected');
    expect(run(eventlogModel, [[append(0, ['a']), 2]])).toBe('rejected');
    expect(run(eventlogModel, [[append(3, ['a']), undefined]])).toBeNull();
  });

  it('reads the whole stream, oldest first, ids compared exactly', () => {
    expect(run(eventlogModel, [[append('any', ['a', 1]), 2], [read, ['a', 1]]])).not.toBe('rejected');
    expect(run(eventlogModel, [[append('any', ['a', 1]), 2], [read, ['a', '1']]])).toBe('rejected');
    expect(run(eventlogModel, [[read, []]])).toBeNull();
    expect(eventlogModel.describeState(run(eventlogModel, [[append('any', ['a']), 1]]) as EventlogState)).toBe('the stream is at version 1 holding ["a"]');
  });
});

describe('all models', () => {
  const registerInput = fc.oneof(
    fc.constant({ f: 'read' as const }),
    fc.integer({ min: 0, max: 2 }).map((value) => ({ f: 'write' as const, value })),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })).map(([expected, value]) => ({ f: 'cas' as const, expected, value })),
  );
  const kvInput = fc.oneof(
    fc.constant({ f: 'get' as const, key: 'k' }),
    fc.constantFrom('', 'a', 'ab').map((value) => ({ f: 'put' as const, key: 'k', value })),
    fc.constantFrom('a', 'b', 'ab').map((value) => ({ f: 'append' as const, key: 'k', value })),
  );
  const eventlogInput = fc.oneof(
    fc.constant<EventlogInput>({ f: 'read', stream: 's' }),
    fc.record({ expectedVersion: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('any' as const, 'no_stream' as const, 'stream_exists' as const)), events: fc.array(fc.constantFrom('a', 'b', 1), { minLength: 1, maxLength: 2 }) })
      .map(({ expectedVersion, events }): EventlogInput => ({ f: 'append', stream: 's', expectedVersion, events })),
  );

  /** Apply each input with unknown outcome: accepted from any state by contract. */
  function statesReached<State, Input, Output>(model: Model<State, Input, Output>, inputs: readonly Input[]): State[] {
    const states = [model.init()];
    for (const input of inputs) {
      const result = model.step(states[states.length - 1]!, input, undefined);
      expect(result.ok).toBe(true);
      if (result.ok) states.push(result.state);
    }
    return states;
  }

  function hashAgreesWithEqual<State, Input, Output>(model: Model<State, Input, Output>, inputs: fc.Arbitrary<Input>): void {
    fc.assert(
      fc.property(fc.array(inputs, { maxLength: 8 }), fc.array(inputs, { maxLength: 8 }), (left, right) => {
        for (const a of statesReached(model, left)) {
          for (const b of statesReached(model, right)) {
            if (model.equal(a, b)) expect(model.hash(a)).toBe(model.hash(b));
            expect(model.equal(a, b)).toBe(model.equal(b, a));
          }
        }
      }),
      { numRuns: 300 },
    );
  }

  it('register: hash agrees with equal', () => hashAgreesWithEqual(registerModel, registerInput));
  it('kv: hash agrees with equal', () => hashAgreesWithEqual(kvModel, kvInput));
  it('kv: states are equal exactly when their text is, however the pieces were split', () => {
    fc.assert(
      fc.property(fc.array(kvInput, { maxLength: 8 }), fc.array(kvInput, { maxLength: 8 }), (left, right) => {
        for (const a of statesReached(kvModel, left)) {
          for (const b of statesReached(kvModel, right)) expect(kvModel.equal(a, b)).toBe(kvText(a) === kvText(b));
        }
      }),
      { numRuns: 300 },
    );
  });
  it('eventlog: hash agrees with equal', () => hashAgreesWithEqual(eventlogModel, eventlogInput));
});

describe('a user-defined model (the README example)', () => {
  const counter: Model<number, { f: 'inc' } | { f: 'read' }, number> = {
    name: 'counter',
    init: () => 0,
    step: (state, input, output) =>
      input.f === 'inc' ? { ok: true, state: state + 1 } : output === undefined || output === state ? { ok: true, state } : { ok: false },
    hash: (state) => state,
    equal: (left, right) => left === right,
    readOnly: (input) => input.f === 'read',
    describeOperation: (input, output) => (input.f === 'inc' ? 'inc' : `read → ${output ?? '?'}`),
    describeState: (state) => `the counter is ${state}`,
  };

  it('plugs into checkHistory', () => {
    const inc = (process: number, invokeTime: number, completeTime: number) => ({ process, input: { f: 'inc' as const }, outcome: 'ok' as const, output: 0, invokeTime, completeTime });
    const read = (value: number, invokeTime: number) => ({ process: 9, input: { f: 'read' as const }, outcome: 'ok' as const, output: value, invokeTime, completeTime: invokeTime + 1 });
    expect(checkHistory([inc(0, 0, 10), inc(1, 0, 10), read(1, 5), read(2, 11)], counter).linearizable).toBe(true);
    const result = checkHistory([inc(0, 0, 10), read(2, 11), read(1, 13)], counter);
    expect(result.linearizable).toBe(false);
    expect(result.explanation).toContain('the counter is 1');
  });
});

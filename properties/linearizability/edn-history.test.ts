// Proves a Jepsen history.edn becomes the checker's operations with Jepsen's meaning (invoke/completion
// pairing per process, :fail no effect, :info open-ended, nemesis skipped, register and jepsen.independent
// forms, one op per line or one vector, tagged Op records), that each malformed operation is a one-line
// HistoryInputError naming its line, and, with fast-check, that generated histories printed as EDN read
// back as the same operations with the same verdict, and mutated files never throw anything else.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from './checker.js';
import { checkEdnHistory, parseJepsenHistory } from './edn-history.js';
import { corruptRandomRead, generateHistory, registerWorkload } from './generator.js';
import { printEdn } from './edn-printer.js';
import { readEdn } from './edn-reader.js';
import { keyword, type EdnValue } from './edn-value.js';
import { HistoryInputError } from './history-input-error.js';
import { keyedRegisterModel } from './keyed-register.js';
import type { Operation } from './operation.js';
import { createPrng } from './prng.js';
import { registerModel, type RegisterInput, type RegisterOutput } from './register.js';

function errorOf(text: string): HistoryInputError {
  try {
    parseJepsenHistory(text);
  } catch (error) {
    if (error instanceof HistoryInputError) return error;
    throw error;
  }
  throw new Error(`expected a HistoryInputError for ${JSON.stringify(text)}`);
}

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}.edn`, import.meta.url), 'utf8');

describe('the register form', () => {
  it('pairs completions with their process, keeps invoke order, skips the nemesis, leaves unfinished invokes info', () => {
    const text = [
      '{:type :invoke, :f :write, :value 3, :process 0, :time 12345, :index 0}',
      '{:type :info, :f :start-partition, :value [:isolated {"n1" #{"n2" "n3"}}], :process :nemesis, :time 12400, :index 1}',
      '{:type :invoke, :f :read, :value nil, :process 1, :time 12500, :index 2}',
      '{:type :ok, :f :write, :value 3, :process 0, :time 13000, :index 3}',
      '{:type :ok, :f :read, :value 3, :process 1, :time 13100, :index 4}',
      '{:type :invoke, :f :cas, :value [3 4], :process 0, :time 14000, :index 5}',
      '{:type :fail, :f :cas, :value [3 4], :process 0, :time 14100, :index 6, :error :conflict}',
      '{:type :invoke, :f :write, :value 5, :process 2, :time 15000, :index 7}',
      '{:type :info, :f :write, :value 5, :process 2, :time 16000, :index 8, :error :timeout}',
      '{:type :invoke, :f :read, :value nil, :process 7, :time 17000, :index 9}',
    ].join('\n');
    const history = parseJepsenHistory(text);
    expect(history.form).toBe('register');
    expect(history.skipped).toBe(1);
    expect(history.operations).toEqual([
      { process: 0, input: { f: 'write', value: 3 }, outcome: 'ok', output: 3, invokeTime: 0, completeTime: 3, invokeLine: 1, completeLine: 4 },
      { process: 1, input: { f: 'read' }, outcome: 'ok', output: 3, invokeTime: 2, completeTime: 4, invokeLine: 3, completeLine: 5 },
      { process: 0, input: { f: 'cas', expected: 3, value: 4 }, outcome: 'fail', invokeTime: 5, completeTime: 6, invokeLine: 6, completeLine: 7 },
      { process: 2, input: { f: 'write', value: 5 }, outcome: 'info', invokeTime: 7, completeTime: 8, invokeLine: 8, completeLine: 9 },
      { process: 7, input: { f: 'read' }, outcome: 'info', invokeTime: 9, invokeLine: 10 },
    ]);
  });

  it('reads a single vector of ops and tagged Op records alike, and an :ok read of nil', () => {
    const text = '[#jepsen.history.Op{:index 0, :time 1, :type :invoke, :process 0, :f :read, :value nil}\n #jepsen.history.Op{:index 1, :time 2, :type :ok, :process 0, :f :read, :value nil}\n {:type :invoke, :f :cas, :value (1 2), :process 1}]';
    const history = parseJepsenHistory(text);
    expect(history.operations.map(({ input, outcome, output, invokeLine }) => ({ input, outcome, output, invokeLine }))).toEqual([
      { input: { f: 'read' }, outcome: 'ok', output: null, invokeLine: 1 },
      { input: { f: 'cas', expected: 1, value: 2 }, outcome: 'info', output: undefined, invokeLine: 3 },
    ]);
  });

  it('accepts an :ok write or cas without its value, and ignores the value of fail and info completions', () => {
    const text = [
      '{:type :invoke, :f :write, :value 1, :process 0}',
      '{:type :ok, :f :write, :process 0}',
      '{:type :invoke, :f :cas, :value [1 2], :process 0}',
      '{:type :ok, :f :cas, :value nil, :process 0}',
      '{:type :invoke, :f :write, :value 9, :process 0}',
      '{:type :fail, :f :write, :value "anything", :process 0}',
    ].join('\n');
    expect(parseJepsenHistory(text).operations.map((operation) => [operation.outcome, operation.output])).toEqual([['ok', 1], ['ok', 2], ['fail', undefined]]);
  });

  it('reads an empty file as an empty (linearizable) history', () => {
    expect(checkEdnHistory('').result.linearizable).toBe(true);
    expect(checkEdnHistory('[]\n').result.operations).toBe(0);
  });
});

describe('the jepsen.independent form', () => {
  it('reads [key value] tuples as one register per key', () => {
    const text = [
      '{:type :invoke, :f :write, :value [3 5], :process 0, :time 10, :index 0}',
      '{:type :invoke, :f :read, :value ["k" nil], :process 1, :time 11, :index 1}',
      '{:type :ok, :f :write, :value [3 5], :process 0, :time 12, :index 2}',
      '{:type :ok, :f :read, :value ["k" 2], :process 1, :time 13, :index 3}',
      '{:type :invoke, :f :cas, :value [3 [5 6]], :process 0, :time 14, :index 4}',
    ].join('\n');
    const history = parseJepsenHistory(text);
    expect(history.form).toBe('independent');
    expect(history.operations.map(({ input, outcome, output }) => ({ input, outcome, output }))).toEqual([
      { input: { key: '3', operation: { f: 'write', value: 5 } }, outcome: 'ok', output: 5 },
      { input: { key: '"k"', operation: { f: 'read' } }, outcome: 'ok', output: 2 },
      { input: { key: '3', operation: { f: 'cas', expected: 5, value: 6 } }, outcome: 'info', output: undefined },
    ]);
  });

  it('checks keys apart: a value read on the wrong key is a violation on that key', () => {
    const checked = checkEdnHistory(fixture('jepsen-independent-crossed-keys'));
    expect(checked.form).toBe('independent');
    expect(checked.result.linearizable).toBe(false);
    expect(checked.result.failure?.partition).toBe('0');
    // The same operations as one register are linearizable: the keys are what makes it fail.
    const history = parseJepsenHistory(fixture('jepsen-independent-crossed-keys'));
    const flattened = history.operations.map((operation) => ({ ...operation, input: (operation.input as { operation: RegisterInput }).operation }));
    expect(checkHistory(flattened, registerModel).linearizable).toBe(true);
  });
});

describe('malformed operations', () => {
  const invoke = (fields: string): string => `{:type :invoke, :process 0, ${fields}}`;
  it.each([
    ['op without :type', '{:f :read, :value nil, :process 0}', 'line 1, column 1: an operation needs :type, one of :invoke, :ok, :fail, :info'],
    ['unknown :type', '{:type :done, :f :read, :process 0}', 'line 1, column 1: expected :type to be one of :invoke, :ok, :fail, :info (got :done)'],
    ['string :type', '{:type "invoke", :f :read, :process 0}', 'line 1, column 1: expected :type to be one of :invoke, :ok, :fail, :info (got "invoke")'],
    ['op without :process', '{:type :invoke, :f :read}', 'line 1, column 1: an operation needs :process (an integer for a client, or e.g. :nemesis)'],
    ['negative process', '{:type :invoke, :f :read, :process -1}', 'line 1, column 1: expected :process to be an integer >= 0 for a client (got -1)'],
    ['unknown :f', invoke(':f :increment, :value 1'), 'line 1, column 1: expected :f to be one of :read, :write, :cas (got :increment)'],
    ['missing :f', invoke(':value 1'), 'line 1, column 1: expected :f to be one of :read, :write, :cas (got nothing)'],
    ['bad :time', invoke(':f :read, :time "noon"'), 'line 1, column 1: expected :time to be an integer >= 0 (got "noon")'],
    ['bad :index', invoke(':f :read, :index -2'), 'line 1, column 1: expected :index to be an integer >= 0 (got -2)'],
    ['write of a string', invoke(':f :write, :value "3"'), 'line 1, column 1: expected :value an integer for :write, or [key integer] (jepsen.independent) (got "3")'],
    ['write beyond 2^53', invoke(':f :write, :value 9007199254740993'), 'line 1, column 1: expected :value an integer for :write, or [key integer] (jepsen.independent) (got 9007199254740993)'],
    ['cas of one value', invoke(':f :cas, :value [1]'), 'line 1, column 1: expected :value [old new] with two integers for :cas, or [key [old new]] (jepsen.independent) (got [1])'],
    ['not a map', '{:type :invoke, :f :read, :process 0}\n  [1 2]', 'line 2, column 3: expected an operation map such as {:type :invoke, :f :read, :value nil, :process 0} (got [1 2])'],
    ['completion without invoke', '{:type :ok, :f :read, :value 1, :process 4}', 'line 1, column 1: :ok for process 4, which has no operation outstanding (completion without invoke)'],
    ['two outstanding', `${invoke(':f :read')}\n${invoke(':f :write, :value 1')}`, 'line 2, column 1: invoke for process 0 while its :read from line 1 is still outstanding (a process has at most one operation outstanding)'],
    ['mismatched :f', `${invoke(':f :read')}\n{:type :ok, :f :write, :value 1, :process 0}`, 'line 2, column 1: expected :f :read to match the invoke on line 1 (got :write)'],
    ['read result', `${invoke(':f :read')}\n{:type :ok, :f :read, :value :x, :process 0}`, 'line 2, column 1: expected the value an :ok :read returns to be an integer or nil (got :x)'],
    ['write echo', `${invoke(':f :write, :value 1')}\n{:type :ok, :f :write, :value 2, :process 0}`, 'line 2, column 1: expected the :ok :value of a :write to be the invoke\'s 1 or nil (got 2)'],
    ['independent read key', `${invoke(':f :read, :value [1 nil]')}\n{:type :ok, :f :read, :value [2 5], :process 0}`, 'line 2, column 1: expected the :ok :value of a :read to be [1 value], the invoke\'s key and the value read (got [2 5])'],
    ['mixed forms', `${invoke(':f :write, :value 1')}\n{:type :invoke, :f :write, :value [1 2], :process 1}`, 'line 2, column 1: expected one form per history: this invoke has a [key value] tuple (jepsen.independent), but the history began with plain register values on line 1'],
    ['malformed EDN', `${invoke(':f :read')}\n{:type :ok, :f :read, :value [1 2}`, 'line 2, column 34: expected ] to close the [ at line 2, column 30 (got })'],
  ])('%s', (_name, text, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
  });
});

/**
 * Jepsen's history.edn for generated operations: one op map per line, in time order, with :time and
 * :index. Every other info operation gets its :info completion at the end, the rest never complete.
 */
function jepsenText(operations: ReadonlyArray<Operation<RegisterInput, RegisterOutput>>, keyOf: (index: number) => number | null): string {
  const events: Array<{ time: number; fields: string }> = [];
  const end = Math.max(0, ...operations.map((operation) => operation.completeTime ?? operation.invokeTime)) + 1;
  operations.forEach((operation, index) => {
    const key = keyOf(index);
    const input = operation.input;
    const plain = input.f === 'read' ? 'nil' : input.f === 'write' ? `${input.value}` : `[${input.expected} ${input.value}]`;
    const wrap = (value: string): string => (key === null ? value : `[${key} ${value}]`);
    events.push({ time: operation.invokeTime, fields: `:type :invoke, :f :${input.f}, :value ${wrap(plain)}, :process ${operation.process}` });
    if (operation.completeTime === undefined) {
      if (index % 2 === 0) events.push({ time: end + index, fields: `:type :info, :f :${input.f}, :value ${wrap(plain)}, :process ${operation.process}, :error :timeout` });
      return;
    }
    const completed = operation.outcome === 'ok' && input.f === 'read' ? (operation.output === null ? 'nil' : `${operation.output}`) : plain;
    events.push({ time: operation.completeTime, fields: `:type :${operation.outcome}, :f :${input.f}, :value ${wrap(completed)}, :process ${operation.process}` });
  });
  events.sort((left, right) => left.time - right.time);
  return events.map((event, index) => `{${event.fields}, :time ${event.time * 1000}, :index ${index}}`).join('\n');
}

const essence = (operation: Operation<unknown, RegisterOutput>): object => ({ process: operation.process, input: operation.input, outcome: operation.outcome, output: operation.outcome === 'ok' ? operation.output : undefined });

describe('round trip', () => {
  const generated = fc.record({ seed: fc.nat(), operations: fc.integer({ min: 0, max: 40 }), processes: fc.integer({ min: 1, max: 5 }), corrupt: fc.boolean() });
  const history = ({ seed, operations, processes, corrupt }: { seed: number; operations: number; processes: number; corrupt: boolean }): Operation<RegisterInput, RegisterOutput>[] => {
    const workload = registerWorkload(4);
    const prng = createPrng(seed);
    const ops = generateHistory(workload, prng, { operations, processes, infoPercentWrites: 20, infoPercentReads: 10 });
    return corrupt ? (corruptRandomRead(ops, workload, prng)?.history ?? ops) : ops;
  };

  it('a generated register history printed as Jepsen EDN reads back as the same operations, with the same verdict', () => {
    fc.assert(
      fc.property(generated, (options) => {
        const original = history(options);
        const read = parseJepsenHistory(jepsenText(original, () => null));
        if (read.form !== 'register') throw new Error(`expected the register form (got ${read.form})`);
        const byInvoke = [...original].sort((left, right) => left.invokeTime - right.invokeTime);
        expect(read.operations.map(essence)).toEqual(byInvoke.map(essence));
        expect(checkHistory(read.operations, registerModel).linearizable).toBe(checkHistory(original, registerModel).linearizable);
      }),
      { numRuns: 300 },
    );
  });

  it('generated per-key histories, interleaved as jepsen.independent tuples, read back with the verdict of their keys', () => {
    fc.assert(
      fc.property(fc.array(generated, { minLength: 1, maxLength: 3 }), (perKey) => {
        const merged: Array<Operation<RegisterInput, RegisterOutput>> = [];
        const keys: number[] = [];
        perKey.forEach((options, key) => {
          // Crashed clients come back as new processes: a million numbers per key keeps the keys' processes apart.
          for (const operation of history(options)) {
            merged.push({ ...operation, process: operation.process + key * 1_000_000 });
            keys.push(key);
          }
        });
        if (merged.length === 0) return;
        const read = parseJepsenHistory(jepsenText(merged, (index) => keys[index]!));
        expect(read.form).toBe('independent');
        const expected = perKey.every((options) => checkHistory(history(options), registerModel).linearizable === true);
        expect(checkHistory(read.operations as Operation<never, RegisterOutput>[], keyedRegisterModel).linearizable).toBe(expected);
        expect(read.operations).toHaveLength(merged.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('op maps round trip', () => {
  const kw = (name: string): EdnValue => keyword(name);
  const opMap = fc
    .record({
      type: fc.constantFrom('invoke', 'ok', 'fail', 'info'),
      f: fc.constantFrom('read', 'write', 'cas', 'start-partition'),
      value: fc.oneof(fc.constant(null), fc.bigInt({ min: -5n, max: 5n }), fc.tuple(fc.bigInt({ min: 0n, max: 3n }), fc.bigInt({ min: 0n, max: 3n })).map(([old, next]) => ({ kind: 'vector' as const, items: [old, next] }))),
      process: fc.oneof(fc.bigInt({ min: 0n, max: 9n }), fc.constant(kw('nemesis'))),
      time: fc.bigInt({ min: 0n, max: 1n << 62n }),
      index: fc.bigInt({ min: 0n, max: 1_000_000n }),
      error: fc.option(fc.oneof(fc.constant(kw('timeout')), fc.string({ maxLength: 8 })), { nil: undefined }),
      record: fc.boolean(),
    })
    .map(({ type, f, value, process, time, index, error, record }): EdnValue => {
      const entries: Array<readonly [EdnValue, EdnValue]> = [[kw('type'), kw(type)], [kw('f'), kw(f)], [kw('value'), value], [kw('process'), process], [kw('time'), time], [kw('index'), index]];
      if (error !== undefined) entries.push([kw('error'), error]);
      const map: EdnValue = { kind: 'map', entries };
      return record ? { kind: 'tagged', tag: 'jepsen.history.Op', value: map } : map;
    });

  it('Jepsen op maps printed one per line, or as one vector, read back equal', () => {
    fc.assert(
      fc.property(fc.array(opMap, { maxLength: 8 }), (ops) => {
        expect(readEdn(ops.map((op) => printEdn(op)).join('\n')).forms.map((form) => form.value)).toEqual(ops);
        const vector = readEdn(printEdn({ kind: 'vector', items: ops })).forms;
        expect(vector.map((form) => form.value)).toEqual([{ kind: 'vector', items: ops }]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fuzzing', () => {
  const texts = ['jepsen-register', 'jepsen-register-stale-read', 'jepsen-independent', 'jepsen-independent-crossed-keys'].map(fixture);
  const readsOrRejects = (text: string): void => {
    try {
      const checked = checkEdnHistory(text, { budget: { stepsMax: 10_000 } });
      expect([true, false, null]).toContain(checked.result.linearizable);
    } catch (error) {
      if (!(error instanceof HistoryInputError)) throw error;
      expect(error.message).not.toContain('\n');
    }
  };
  const piece = fc.constantFrom('{', '}', '[', ']', '(', ')', ' ', '\n', ':type', ':invoke', ':ok', ':fail', ':info', ':f', ':read', ':write', ':cas', ':value', ':process', ':nemesis', 'nil', '0', '1', '-1', '[1 2]', '[0 [1 2]]', '"x"', '#_', '#t', ';', ',');
  const mutation = fc.record({ at: fc.nat(), length: fc.integer({ min: 0, max: 12 }), insert: fc.array(piece, { maxLength: 3 }) });

  it('mutated fixtures (spliced, cut, with EDN pieces inserted) never throw anything but HistoryInputError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        let mutated = text;
        for (const { at, length, insert } of mutations) {
          const position = at % (mutated.length + 1);
          mutated = mutated.slice(0, position) + insert.join(' ') + mutated.slice(position + length);
        }
        readsOrRejects(mutated);
      }),
      { numRuns: 3000 },
    );
  });

  it('random op maps never throw anything but HistoryInputError', () => {
    const field = fc.oneof(piece, fc.constantFrom('[1 nil]', '[k nil]', '#jepsen.history.Op{}', '1.5', '99999999999999999999'));
    const op = fc.array(fc.tuple(fc.constantFrom(':type', ':f', ':value', ':process', ':time', ':index', ':error'), field), { maxLength: 6 }).map((entries) => `{${entries.map(([key, value]) => `${key} ${value}`).join(', ')}}`);
    fc.assert(fc.property(fc.array(op, { maxLength: 10 }), (ops) => readsOrRejects(ops.join('\n'))), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ maxLength: 120, unit: 'binary' }), readsOrRejects), { numRuns: 500 });
  });
});

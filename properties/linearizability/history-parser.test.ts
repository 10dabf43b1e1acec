// Proves the JSONL parser builds operations from well-formed histories (pairing, info for missing
// completions, line numbers), rejects each kind of malformed line with a one-line HistoryInputError naming
// the line, and, fuzzed with fast-check, never throws anything else whatever the text (and whatever it accepts, the
// checker accepts too).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinModel, builtinModelNames } from './builtin-models.js';
import { checkHistory } from './checker.js';
import { eventlogFormat } from './eventlog.js';
import type { HistoryFormat } from './history-format.js';
import { HistoryInputError } from './history-input-error.js';
import { parseHistoryJsonl } from './history-parser.js';
import { kvFormat } from './kv.js';
import { registerFormat } from './register.js';

function errorOf(text: string, format: HistoryFormat<unknown, unknown> = registerFormat as HistoryFormat<unknown, unknown>): HistoryInputError {
  try {
    parseHistoryJsonl(text, format);
  } catch (error) {
    if (error instanceof HistoryInputError) return error;
    throw error;
  }
  throw new Error('expected a HistoryInputError');
}

const line = (fields: object): string => JSON.stringify(fields);

describe('well-formed histories', () => {
  it('pairs invokes with completions by process and keeps invoke order', () => {
    const text = [
      line({ process: 0, type: 'invoke', f: 'write', value: 1 }),
      line({ process: 1, type: 'invoke', f: 'read', value: null }),
      '',
      line({ process: 1, type: 'ok', f: 'read', value: 1 }),
      line({ process: 2, type: 'invoke', f: 'cas', value: [1, 2] }),
      line({ process: 2, type: 'fail', f: 'cas' }),
      line({ process: 0, type: 'info', f: 'write', value: 1 }),
      line({ process: 3, type: 'invoke', f: 'read', value: null, time: 7 }),
    ].join('\n');
    const { operations, lineCount } = parseHistoryJsonl(text, registerFormat);
    expect(lineCount).toBe(8);
    expect(operations).toEqual([
      { process: 0, input: { f: 'write', value: 1 }, outcome: 'info', invokeTime: 0, completeTime: 6, invokeLine: 1, completeLine: 7 },
      { process: 1, input: { f: 'read' }, outcome: 'ok', output: 1, invokeTime: 1, completeTime: 3, invokeLine: 2, completeLine: 4 },
      { process: 2, input: { f: 'cas', expected: 1, value: 2 }, outcome: 'fail', invokeTime: 4, completeTime: 5, invokeLine: 5, completeLine: 6 },
      { process: 3, input: { f: 'read' }, outcome: 'info', invokeTime: 7, invokeLine: 8 },
    ]);
  });

  it('decodes kv keys and eventlog appends and reads', () => {
    const kv = parseHistoryJsonl(line({ process: 0, type: 'invoke', f: 'append', key: 'k', value: 'x' }), kvFormat);
    expect(kv.operations[0]!.input).toEqual({ f: 'append', key: 'k', value: 'x' });
    const eventlog = parseHistoryJsonl(
      [
        line({ process: 0, type: 'invoke', f: 'append', stream: 's', value: { expectedVersion: 'no_stream', events: ['a', 7] } }),
        line({ process: 0, type: 'ok', f: 'append', value: 2 }),
        line({ process: 0, type: 'invoke', f: 'read', stream: 's', value: null }),
        line({ process: 0, type: 'ok', f: 'read', stream: 's', value: ['a', 7] }),
      ].join('\r\n'),
      eventlogFormat,
    );
    expect(eventlog.operations.map((operation) => [operation.input, operation.output])).toEqual([
      [{ f: 'append', stream: 's', expectedVersion: 'no_stream', events: ['a', 7] }, 2],
      [{ f: 'read', stream: 's' }, ['a', 7]],
    ]);
  });
});

describe('malformed lines', () => {
  it('names the line and what was expected, on one line', () => {
    const cases: Array<[string, string]> = [
      ['{"process": 0,', 'line 1: expected a JSON object (invalid JSON: '],
      ['"text"', 'line 1: expected a JSON object (got "text")'],
      [line({ process: -1, type: 'invoke', f: 'read', value: null }), 'line 1: expected "process" to be an integer >= 0 (got -1)'],
      [line({ process: 0.5, type: 'invoke', f: 'read', value: null }), 'line 1: expected "process" to be an integer >= 0 (got 0.5)'],
      [line({ process: 0, f: 'read', value: null }), 'line 1: expected "type" to be one of invoke, ok, fail, info (got nothing)'],
      [line({ process: 0, type: 'invoke', value: null }), 'line 1: expected "f" to be one of read, write, cas (got nothing)'],
      [line({ process: 0, type: 'invoke', f: 'read', value: null, time: 'noon' }), 'line 1: expected "time" to be an integer >= 0 (got "noon")'],
      [line({ process: 0, type: 'invoke', f: 'read', value: 3 }), 'line 1: expected "value" null for read invoke (got 3)'],
      [line({ process: 0, type: 'invoke', f: 'write' }), 'line 1: expected "value" an integer for write (got nothing)'],
      [`${line({ process: 0, type: 'invoke', f: 'write', value: 1 })}\n${line({ process: 0, type: 'ok', f: 'write', value: 2 })}`, 'line 2: expected ok "value" 1, the value written (got 2)'],
      [`${line({ process: 0, type: 'invoke', f: 'cas', value: [1, 2] })}\n${line({ process: 0, type: 'ok', f: 'cas', value: [2, 1] })}`, 'line 2: expected ok "value" [1, 2] as invoked (got [2,1])'],
      [`${line({ process: 0, type: 'invoke', f: 'write', value: 1 })}\n${line({ process: 0, type: 'info', f: 'write', value: 'x' })}`, 'line 2: expected the info "value" to be absent, null, or shaped like the invoke: "value" an integer for write (got "x")'],
      [line({ process: 9, type: 'fail', f: 'write', value: 1 }), 'line 1: fail for process 9, which has no operation outstanding (completion without invoke)'],
    ];
    for (const [text, message] of cases) {
      const error = errorOf(text);
      expect(error.message.startsWith(message), `${error.message} should start with ${message}`).toBe(true);
      expect(error.message).not.toContain('\n');
      expect(error.line).toBeGreaterThan(0);
    }
  });

  it('checks the object field of completions and eventlog value shapes', () => {
    const kvFormatUnknown = kvFormat as HistoryFormat<unknown, unknown>;
    const kvMismatch = `${line({ process: 0, type: 'invoke', f: 'get', key: 'a', value: null })}\n${line({ process: 0, type: 'ok', f: 'get', key: 'b', value: '' })}`;
    expect(errorOf(kvMismatch, kvFormatUnknown).message).toBe('line 2: expected "key" "a" to match the invoke on line 1 (got "b")');
    const eventlogUnknown = eventlogFormat as HistoryFormat<unknown, unknown>;
    const noEvents = line({ process: 0, type: 'invoke', f: 'append', stream: 's', value: { expectedVersion: 'any', events: [] } });
    expect(errorOf(noEvents, eventlogUnknown).message).toMatch(/^line 1: expected "value" .* with 1\.\.10000 string or integer ids \(got events \[\]\)$/);
    const extraField = line({ process: 0, type: 'invoke', f: 'append', stream: 's', value: { expectedVersion: 'any', events: ['a'], id: 1 } });
    expect(errorOf(extraField, eventlogUnknown).message).toMatch(/\(unexpected field "id"\)$/);
    const badRead = `${line({ process: 0, type: 'invoke', f: 'read', stream: 's', value: null })}\n${line({ process: 0, type: 'ok', f: 'read', stream: 's', value: [true] })}`;
    expect(errorOf(badRead, eventlogUnknown).message).toBe('line 2: expected ok "value" the list of event ids read (got [true])');
  });
});

describe('fuzzing', () => {
  const definitions = builtinModelNames.map(builtinModel);
  const parsesOrRejects = (text: string): void => {
    for (const { format, model } of definitions) {
      try {
        const { operations } = parseHistoryJsonl(text, format);
        // Whatever parses is a history the checker accepts without assertion failures.
        expect([true, false, null]).toContain(checkHistory(operations, model, { budget: { stepsMax: 10_000 } }).linearizable);
      } catch (error) {
        if (!(error instanceof HistoryInputError)) throw error;
        expect(error.message).not.toContain('\n');
      }
    }
  };
  const field = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -2, max: 3 }),
    fc.double(),
    fc.string({ maxLength: 4 }),
    fc.constantFrom('invoke', 'ok', 'fail', 'info', 'read', 'write', 'cas', 'get', 'put', 'append', 'any', 'no_stream', 'k', 's'),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b'), fc.constant(null)), { maxLength: 3 }),
    fc.record({ expectedVersion: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constantFrom('any', 'no_stream', 'stream_exists', 'x')), events: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 2 })), { maxLength: 2 }) }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const record = fc.record(
    {
      process: fc.oneof(fc.integer({ min: 0, max: 2 }), field),
      type: fc.oneof(fc.constantFrom('invoke', 'ok', 'fail', 'info'), field),
      f: fc.oneof(fc.constantFrom('read', 'write', 'cas', 'get', 'put', 'append'), field),
      value: field,
      key: fc.oneof(fc.constantFrom('a', 'b'), field),
      stream: fc.oneof(fc.constantFrom('s', 't'), field),
      time: fc.oneof(fc.integer({ min: 0, max: 5 }), field),
    },
    { requiredKeys: [] },
  );

  it('random text never throws anything but HistoryInputError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), parsesOrRejects), { numRuns: 500 });
    fc.assert(fc.property(fc.array(fc.json({ maxDepth: 3 }), { maxLength: 6 }), (lines) => parsesOrRejects(lines.join('\n'))), { numRuns: 500 });
  });

  it('random near-valid records never throw anything but HistoryInputError', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records) => parsesOrRejects(records.map((item) => JSON.stringify(item)).join('\n'))),
      { numRuns: 2000 },
    );
  });
});

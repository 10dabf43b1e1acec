// Strict JSON Lines history parser: one operation event per line, in history order (line order is
// authoritative; `time` is optional and only checked to be non-decreasing). Every malformed line throws a
// HistoryInputError naming the line and what was expected; nothing else is ever thrown for bad text.
//
// Accepted per line: {"process": int >= 0, "type": "invoke"|"ok"|"fail"|"info", "f": <model function>,
// "value": ..., "time"?: int >= 0, plus the model's object field ("key", "stream") when it has one}.
// Unknown extra fields are ignored. Blank lines are skipped. The value of a fail/info completion carries
// no information: it may be absent, null, or shaped like the invoke value.

import { assert } from '../../sim/assert.js';
import type { HistoryFormat, JsonRecord } from './history-format.js';
import { isInteger, showValue } from './history-format.js';
import { HistoryInputError } from './history-input-error.js';
import type { Operation, Outcome } from './operation.js';

export const historyLinesMax = 10_000_000;

export interface ParsedHistory<Input, Output> {
  /** Operations in invoke order; invokes never completed are reported with outcome `info`. */
  readonly operations: Operation<Input, Output>[];
  /** Number of lines read, blank ones included. */
  readonly lineCount: number;
}

interface Pending<Input> {
  readonly index: number;
  readonly f: string;
  readonly object: unknown;
  readonly input: Input;
  readonly line: number;
  readonly invokeTime: number;
}

const types = ['invoke', 'ok', 'fail', 'info'] as const;
type EventType = (typeof types)[number];

function parseRecord(text: string, line: number): JsonRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unparseable';
    throw new HistoryInputError(line, `expected a JSON object (invalid JSON: ${reason})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HistoryInputError(line, `expected a JSON object (got ${showValue(parsed)})`);
  }
  return parsed as JsonRecord;
}

export function parseHistoryJsonl<Input, Output>(text: string, format: HistoryFormat<Input, Output>): ParsedHistory<Input, Output> {
  assert(typeof text === 'string', 'history text must be a string');
  assert(format.functions.length > 0, 'a history format needs at least one function');
  const lines = text.split('\n');
  if (lines.length > historyLinesMax) throw new HistoryInputError(0, `a history has at most ${historyLinesMax} lines (got ${lines.length})`);
  const operations: Array<Operation<Input, Output> | undefined> = [];
  const outstanding = new Map<number, Pending<Input>>();
  let timeLast = 0;
  let timeLastLine = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const body = (lines[index] as string).trim();
    if (body === '') continue;
    const record = parseRecord(body, line);
    const process = record['process'];
    if (!isInteger(process) || process < 0) throw new HistoryInputError(line, `expected "process" to be an integer >= 0 (got ${showValue(process)})`);
    const type = record['type'];
    if (typeof type !== 'string' || !(types as readonly string[]).includes(type)) {
      throw new HistoryInputError(line, `expected "type" to be one of invoke, ok, fail, info (got ${showValue(type)})`);
    }
    const f = record['f'];
    if (typeof f !== 'string' || !format.functions.includes(f)) {
      throw new HistoryInputError(line, `expected "f" to be one of ${format.functions.join(', ')} (got ${showValue(f)})`);
    }
    if ('time' in record) {
      const time = record['time'];
      if (!isInteger(time) || time < 0) throw new HistoryInputError(line, `expected "time" to be an integer >= 0 (got ${showValue(time)})`);
      if (time < timeLast) throw new HistoryInputError(line, `expected "time" to be non-decreasing (got ${time} after ${timeLast} on line ${timeLastLine})`);
      timeLast = time;
      timeLastLine = line;
    }
    if (type === 'invoke') {
      const previous = outstanding.get(process);
      if (previous !== undefined) {
        throw new HistoryInputError(line, `invoke for process ${process} while its ${previous.f} from line ${previous.line} is still outstanding (a process has at most one operation outstanding)`);
      }
      const input = format.decodeInvoke(f, record);
      if (!input.ok) throw new HistoryInputError(line, `expected ${input.expected}`);
      const object = format.objectField === undefined ? undefined : record[format.objectField];
      outstanding.set(process, { index: operations.length, f, object, input: input.value, line, invokeTime: index });
      operations.push(undefined);
      continue;
    }
    const pending = outstanding.get(process);
    if (pending === undefined) throw new HistoryInputError(line, `${type} for process ${process}, which has no operation outstanding (completion without invoke)`);
    if (pending.f !== f) throw new HistoryInputError(line, `expected "f" ${JSON.stringify(pending.f)} to match the invoke on line ${pending.line} (got ${JSON.stringify(f)})`);
    if (format.objectField !== undefined && format.objectField in record && record[format.objectField] !== pending.object) {
      const field = format.objectField;
      throw new HistoryInputError(line, `expected "${field}" ${showValue(pending.object)} to match the invoke on line ${pending.line} (got ${showValue(record[field])})`);
    }
    outstanding.delete(process);
    operations[pending.index] = completeOperation(type as Exclude<EventType, 'invoke'>, record, pending, line, index, format, process);
  }
  for (const [process, pending] of outstanding) {
    operations[pending.index] = { process, input: pending.input, outcome: 'info', invokeTime: pending.invokeTime, invokeLine: pending.line };
  }
  const complete = operations.filter((operation) => operation !== undefined);
  assert(complete.length === operations.length, 'every invoke is either completed or outstanding');
  return { operations: complete, lineCount: lines.length };
}

function completeOperation<Input, Output>(
  type: Exclude<EventType, 'invoke'>,
  record: JsonRecord,
  pending: Pending<Input>,
  line: number,
  completeTime: number,
  format: HistoryFormat<Input, Output>,
  process: number,
): Operation<Input, Output> {
  const base = { process, input: pending.input, invokeTime: pending.invokeTime, invokeLine: pending.line, completeLine: line };
  if (type === 'ok') {
    const output = format.decodeOk(pending.input, record['value']);
    if (!output.ok) throw new HistoryInputError(line, `expected ${output.expected}`);
    return { ...base, outcome: 'ok', output: output.value, completeTime };
  }
  const value = record['value'];
  if (value !== undefined && value !== null) {
    const shape = format.decodeInvoke(pending.f, record);
    if (!shape.ok) throw new HistoryInputError(line, `expected the ${type} "value" to be absent, null, or shaped like the invoke: ${shape.expected}`);
  }
  const outcome: Outcome = type;
  return { ...base, outcome, completeTime };
}

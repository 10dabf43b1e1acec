// Jepsen's history.edn, read into the checker's operations for the register model: either one register
// (`{:type :invoke, :f :cas, :value [1 2], :process 3}`) or, for jepsen.independent histories whose
// values are [key value] tuples (`{:type :invoke, :f :cas, :value [7 [1 2]], :process 3}`), one register
// per key, checked key by key (keyed-register.ts). The form is told by each invoke's value; one file
// holds one form.
//
// The file is either a sequence of top-level operation maps (one per line, as Jepsen writes history.edn)
// or a single vector of them. An operation is a map, or a tagged record around one
// (`#jepsen.history.Op{...}`). Semantics, as in Jepsen:
// - :type :invoke / :ok / :fail / :info. Each completion closes its process's outstanding invoke.
//   :fail did not take effect; :info may or may not have (open-ended); an invoke never completed is :info.
// - :process an integer >= 0 for a client; any other process (:nemesis) is skipped, whatever its :f.
// - :f :read (invoke value ignored, nil or [key nil]; :ok carries the integer or nil read), :write (an
//   integer), :cas ([old new] integers). The :ok of a write or cas may repeat the invoke's value or omit it.
// - :time and :index are optional integers and otherwise ignored: file order is the history's order
//   (Jepsen's times are not always sorted when several workers record at once).
// Every problem is a HistoryInputError naming the line (and column) of the operation.

import { assert } from '../../sim/assert.js';
import { checkHistory, type CheckOptions } from './checker.js';
import type { JsonlCheck } from './builtin-models.js';
import { printEdn, showEdn } from './edn-printer.js';
import { readEdn, type EdnDocument, type SourcePosition } from './edn-reader.js';
import { hasKey, isEdnMap, isKeyword, mapGet, sequentialItems, type EdnMap, type EdnValue } from './edn-value.js';
import { decoded, expected, type Decoded } from './history-format.js';
import { HistoryInputError } from './history-input-error.js';
import { historyLinesMax } from './history-parser.js';
import { keyedRegisterModel, type KeyedRegisterInput } from './keyed-register.js';
import type { Operation } from './operation.js';
import { registerModel, type RegisterInput, type RegisterOutput } from './register.js';

/** `register`: one register, plain values. `independent`: jepsen.independent [key value] tuples, a register per key. */
export type JepsenHistoryForm = 'register' | 'independent';

export type JepsenHistory = { readonly skipped: number } & (
  | { readonly form: 'register'; readonly operations: Operation<RegisterInput, RegisterOutput>[] }
  | { readonly form: 'independent'; readonly operations: Operation<KeyedRegisterInput, RegisterOutput>[] }
);

export interface EdnCheck extends JsonlCheck<unknown, unknown, unknown> {
  readonly form: JepsenHistoryForm;
  /** Operations of non-client processes (:nemesis) left out. */
  readonly skipped: number;
}

const types = ['invoke', 'ok', 'fail', 'info'] as const;
const functions = ['read', 'write', 'cas'] as const;
type JepsenFunction = (typeof functions)[number];

interface Invoke {
  readonly form: JepsenHistoryForm;
  /** The key's EDN text (independent form), null for the single register. */
  readonly key: string | null;
  readonly operation: RegisterInput;
}

interface Pending extends Invoke {
  readonly index: number;
  readonly f: JepsenFunction;
  readonly value: EdnValue | undefined;
  readonly line: number;
  readonly ordinal: number;
}

interface Located extends SourcePosition {
  readonly map: EdnMap;
}

type Input = { readonly key: string | null; readonly operation: RegisterInput };

function fail(at: SourcePosition, detail: string): never {
  throw new HistoryInputError(at.line, detail, at.column);
}

const safeIntegerMin = BigInt(Number.MIN_SAFE_INTEGER);
const safeIntegerMax = BigInt(Number.MAX_SAFE_INTEGER);

function safeInteger(value: EdnValue | undefined): number | undefined {
  if (typeof value !== 'bigint') return undefined;
  return value >= safeIntegerMin && value <= safeIntegerMax ? Number(value) : undefined;
}

/** The operation maps of the file, each with where it starts. */
function operationMaps(document: EdnDocument): Located[] {
  const forms = document.forms;
  const only = forms.length === 1 ? forms[0] : undefined;
  const vector = only !== undefined && typeof only.value === 'object' && only.value !== null && only.value.kind === 'vector' ? only.value.items : undefined;
  const items = vector === undefined ? forms : vector.map((value) => ({ value, ...(document.positionOf(value) ?? only!) }));
  if (items.length > historyLinesMax) fail(only ?? { line: 0, column: 0 }, `a history has at most ${historyLinesMax} operations (got ${items.length})`);
  return items.map(({ value, line, column }) => {
    const map = isEdnMap(value) ? value : typeof value === 'object' && value !== null && value.kind === 'tagged' && isEdnMap(value.value) ? value.value : undefined;
    if (map === undefined) fail({ line, column }, `expected an operation map such as {:type :invoke, :f :read, :value nil, :process 0} (got ${showEdn(value)})`);
    return { map, line, column };
  });
}

function decodeInvoke(f: JepsenFunction, value: EdnValue | undefined): Decoded<Invoke> {
  const tuple = sequentialItems(value);
  const pair = tuple?.length === 2 ? tuple : undefined;
  if (f === 'read') {
    return pair === undefined ? decoded({ form: 'register', key: null, operation: { f: 'read' } }) : decoded({ form: 'independent', key: printEdn(pair[0]!), operation: { f: 'read' } });
  }
  if (f === 'write') {
    const plain = safeInteger(value);
    if (plain !== undefined) return decoded({ form: 'register', key: null, operation: { f: 'write', value: plain } });
    const keyed = pair === undefined ? undefined : safeInteger(pair[1]);
    if (keyed !== undefined) return decoded({ form: 'independent', key: printEdn(pair![0]!), operation: { f: 'write', value: keyed } });
    return expected(`:value an integer for :write, or [key integer] (jepsen.independent) (got ${showEdn(value)})`);
  }
  const inner = pair === undefined ? undefined : sequentialItems(pair[1]);
  const swap = inner ?? pair;
  const old = swap?.length === 2 ? safeInteger(swap[0]) : undefined;
  const next = swap?.length === 2 ? safeInteger(swap[1]) : undefined;
  if (old === undefined || next === undefined) {
    return expected(`:value [old new] with two integers for :cas, or [key [old new]] (jepsen.independent) (got ${showEdn(value)})`);
  }
  const operation: RegisterInput = { f: 'cas', expected: old, value: next };
  return inner === undefined ? decoded({ form: 'register', key: null, operation }) : decoded({ form: 'independent', key: printEdn(pair![0]!), operation });
}

function decodeOk(pending: Pending, value: EdnValue | undefined): Decoded<RegisterOutput> {
  const operation = pending.operation;
  if (operation.f === 'read') {
    let read = value;
    if (pending.key !== null) {
      const pair = sequentialItems(value);
      if (pair?.length !== 2 || printEdn(pair[0]!) !== pending.key) {
        return expected(`the :ok :value of a :read to be [${pending.key} value], the invoke's key and the value read (got ${showEdn(value)})`);
      }
      read = pair[1];
    }
    const integer = safeInteger(read);
    if (read === null || integer !== undefined) return decoded(integer ?? null);
    return expected(`the value an :ok :read returns to be an integer or nil (got ${showEdn(read)})`);
  }
  if (value !== undefined && value !== null && printEdn(value) !== printEdn(pending.value ?? null)) {
    return expected(`the :ok :value of a :${operation.f} to be the invoke's ${showEdn(pending.value)} or nil (got ${showEdn(value)})`);
  }
  return decoded(operation.value);
}

function checkField(op: Located, name: string): void {
  if (!hasKey(op.map, name)) return;
  const value = mapGet(op.map, name);
  if (typeof value !== 'bigint' || value < 0n) fail(op, `expected :${name} to be an integer >= 0 (got ${showEdn(value)})`);
}

/** The same operation with another input (explicit fields: spreads are slow on hot paths). */
function withInput<From, To>(operation: Operation<From, RegisterOutput>, input: To): Operation<To, RegisterOutput> {
  const { process, outcome, output, invokeTime, completeTime, invokeLine, completeLine } = operation;
  const copy: { -readonly [K in keyof Operation<To, RegisterOutput>]: Operation<To, RegisterOutput>[K] } = { process, input, outcome, invokeTime, invokeLine };
  if (outcome === 'ok') copy.output = output;
  if (completeTime !== undefined) copy.completeTime = completeTime;
  if (completeLine !== undefined) copy.completeLine = completeLine;
  return copy;
}

/** Read a Jepsen history.edn into operations. Throws HistoryInputError on malformed text or operations. */
export function parseJepsenHistory(text: string): JepsenHistory {
  const ops = operationMaps(readEdn(text));
  const operations: Array<Operation<Input, RegisterOutput> | undefined> = [];
  const outstanding = new Map<number, Pending>();
  let form: { readonly form: JepsenHistoryForm; readonly line: number } | undefined;
  let skipped = 0;
  ops.forEach((op, ordinal) => {
    const type = mapGet(op.map, 'type');
    if (type === undefined) fail(op, 'an operation needs :type, one of :invoke, :ok, :fail, :info');
    if (!isKeyword(type) || !(types as readonly string[]).includes(type.name)) fail(op, `expected :type to be one of :invoke, :ok, :fail, :info (got ${showEdn(type)})`);
    const processValue = mapGet(op.map, 'process');
    if (processValue === undefined) fail(op, 'an operation needs :process (an integer for a client, or e.g. :nemesis)');
    if (typeof processValue !== 'bigint') {
      skipped++; // :nemesis and any other non-client process
      return;
    }
    const process = safeInteger(processValue);
    if (process === undefined || process < 0) fail(op, `expected :process to be an integer >= 0 for a client (got ${showEdn(processValue)})`);
    checkField(op, 'time');
    checkField(op, 'index');
    const f = mapGet(op.map, 'f');
    if (!isKeyword(f) || !(functions as readonly string[]).includes(f.name)) fail(op, `expected :f to be one of :read, :write, :cas (got ${showEdn(f)})`);
    const fName = f.name as JepsenFunction;
    const value = mapGet(op.map, 'value');
    if (type.name === 'invoke') {
      const previous = outstanding.get(process);
      if (previous !== undefined) fail(op, `invoke for process ${process} while its :${previous.f} from line ${previous.line} is still outstanding (a process has at most one operation outstanding)`);
      const invoke = decodeInvoke(fName, value);
      if (!invoke.ok) fail(op, `expected ${invoke.expected}`);
      if (form === undefined) form = { form: invoke.value.form, line: op.line };
      else if (form.form !== invoke.value.form) {
        const [now, before] = invoke.value.form === 'independent' ? ['a [key value] tuple (jepsen.independent)', 'plain register values'] : ['a plain register value', '[key value] tuples (jepsen.independent)'];
        fail(op, `expected one form per history: this invoke has ${now}, but the history began with ${before} on line ${form.line}`);
      }
      // Plain literals, not spreads: this runs once per operation of histories of millions of lines.
      const { key, operation } = invoke.value;
      outstanding.set(process, { form: invoke.value.form, key, operation, index: operations.length, f: fName, value, line: op.line, ordinal });
      operations.push(undefined);
      return;
    }
    const pending = outstanding.get(process);
    if (pending === undefined) fail(op, `:${type.name} for process ${process}, which has no operation outstanding (completion without invoke)`);
    if (pending.f !== fName) fail(op, `expected :f :${pending.f} to match the invoke on line ${pending.line} (got :${fName})`);
    outstanding.delete(process);
    const input = { key: pending.key, operation: pending.operation };
    if (type.name === 'ok') {
      const output = decodeOk(pending, value);
      if (!output.ok) fail(op, `expected ${output.expected}`);
      operations[pending.index] = { process, input, outcome: 'ok', output: output.value, invokeTime: pending.ordinal, completeTime: ordinal, invokeLine: pending.line, completeLine: op.line };
    } else {
      const outcome = type.name === 'fail' ? 'fail' : 'info';
      operations[pending.index] = { process, input, outcome, invokeTime: pending.ordinal, completeTime: ordinal, invokeLine: pending.line, completeLine: op.line };
    }
  });
  for (const [process, pending] of outstanding) {
    operations[pending.index] = { process, input: { key: pending.key, operation: pending.operation }, outcome: 'info', invokeTime: pending.ordinal, invokeLine: pending.line };
  }
  const complete = operations.filter((operation) => operation !== undefined);
  assert(complete.length === operations.length, 'every invoke is either completed or outstanding');
  assert(skipped + operations.length <= ops.length, 'each operation map gives at most one operation');
  if (form?.form === 'independent') {
    // Every invoke of an independent history has a key (the form is checked per invoke).
    assert(complete.every((operation) => operation.input.key !== null), 'every operation of an independent history has a key');
    return { form: 'independent', skipped, operations: complete as Operation<KeyedRegisterInput, RegisterOutput>[] };
  }
  return { form: 'register', skipped, operations: complete.map((operation) => withInput(operation, operation.input.operation)) };
}

/** Read a Jepsen history.edn (throws HistoryInputError on bad text) and check it with the register model. */
export function checkEdnHistory(text: string, options: CheckOptions = {}): EdnCheck {
  const history = parseJepsenHistory(text);
  if (history.form === 'independent') {
    const result = checkHistory(history.operations, keyedRegisterModel, options);
    return { form: history.form, skipped: history.skipped, operations: history.operations, model: keyedRegisterModel, result };
  }
  const result = checkHistory(history.operations, registerModel, options);
  return { form: history.form, skipped: history.skipped, operations: history.operations, model: registerModel, result };
}

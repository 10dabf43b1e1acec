// How one model's operations are written in a JSON Lines history: which `f` values exist and how the
// `value` (and any key field) of an invoke or ok completion decodes into the model's Input and Output.
// The generic checks (process, type, pairing, time) live in history-parser.ts.

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

export type JsonRecord = Readonly<Record<string, unknown>>;

export interface HistoryFormat<Input, Output> {
  /** Accepted `f` values, in the order an error message lists them. */
  readonly functions: readonly string[];
  /** String field that names the object an operation touches (`key`, `stream`), if any. */
  readonly objectField?: string;
  /** Decode an invoke (also used to check the value of a fail/info completion when one is given). */
  decodeInvoke(f: string, record: JsonRecord): Decoded<Input>;
  /** Decode the value of an ok completion of `input`. */
  decodeOk(input: Input, value: unknown): Decoded<Output>;
}

export function decoded<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

export function expected<T>(description: string): Decoded<T> {
  return { ok: false, expected: description };
}

/** Render a JSON value for an error message, truncated so the message stays one short line. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

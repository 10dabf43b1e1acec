// `kv`: independent string keys, each initially "", with get / put / append. Partitioned per key
// (P-compositionality), so each key is checked on its own.
//
// JSONL: every line carries "key": "<string>". get invoke value null, ok value the string read;
// put and append carry their string on invoke and ok (put replaces, append concatenates).

import { decoded, expected, showValue, type HistoryFormat } from './history-format.js';
import { mixHash } from './hash.js';
import type { Model, StepResult } from './model.js';

/**
 * A key's value as an immutable list of the pieces written since the last put (a put is the first piece),
 * newest last, with its length and a polynomial hash of its text kept up to date as pieces are added:
 * an append is O(its piece), never O(the value), and states share their older pieces, so long appended
 * values stay cheap to hash and to keep (the search memoises many of them). Two states with the same
 * text are usually built from the same pieces on top of a common older state, so `equal` walks back
 * only to that shared node. `kvText(state)` gives the string.
 */
export interface KvState {
  readonly length: number;
  /** Σ text[i]·B^(length−1−i) mod 2^32, over UTF-16 code units. */
  readonly hash: number;
  readonly piece: string;
  /** The state before `piece` was added (the initial state for a put); null for the initial (empty) state. */
  readonly previous: KvState | null;
}

export type KvInput =
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'append'; readonly key: string; readonly value: string };

/** The string a get returned; put and append echo their input and carry no information. */
export type KvOutput = string;

const rejected: StepResult<never> = { ok: false };
const hashBase = 0x01000193;

const initialState: KvState = { length: 0, hash: 0, piece: '', previous: null };

/** The state holding `base`'s text followed by `piece`. */
function withPiece(base: KvState, piece: string): KvState {
  if (piece.length === 0) return base;
  let hash = base.hash;
  for (let index = 0; index < piece.length; index++) hash = (Math.imul(hash, hashBase) + piece.charCodeAt(index)) | 0;
  return { length: base.length + piece.length, hash, piece, previous: base };
}

/** Same text? Walks both lists while their pieces match, up to a shared node; text only as a last resort. */
function sameText(left: KvState, right: KvState): boolean {
  if (left.length !== right.length || left.hash !== right.hash) return false;
  let x: KvState | null = left;
  let y: KvState | null = right;
  while (x !== y) {
    if (x === null || y === null || x.piece !== y.piece) return kvText(left) === kvText(right);
    x = x.previous;
    y = y.previous;
  }
  return true;
}

/** Does `state` hold exactly `text`? Compares piece by piece from the end, without building the string. */
function holds(state: KvState, text: string): boolean {
  if (state.length !== text.length) return false;
  let position = text.length;
  for (let cursor: KvState | null = state; cursor !== null && position > 0; cursor = cursor.previous) {
    position -= cursor.piece.length;
    if (!text.startsWith(cursor.piece, position)) return false;
  }
  return position === 0;
}

/** Does `text` start with the value `state` holds? */
function isPrefixOf(state: KvState, text: string): boolean {
  if (state.length > text.length) return false;
  let position = state.length;
  for (let cursor: KvState | null = state; cursor !== null && position > 0; cursor = cursor.previous) {
    position -= cursor.piece.length;
    if (!text.startsWith(cursor.piece, position)) return false;
  }
  return position === 0;
}

/** The value a state holds (an explicit loop over the list, no recursion). */
export function kvText(state: KvState): string {
  const pieces: string[] = [];
  for (let cursor: KvState | null = state; cursor !== null; cursor = cursor.previous) pieces.push(cursor.piece);
  return pieces.reverse().join('');
}

export const kvModel: Model<KvState, KvInput, KvOutput> = {
  name: 'kv',
  init: () => initialState,
  step(state, input, output) {
    switch (input.f) {
      case 'get':
        if (output === undefined || holds(state, output)) return { ok: true, state };
        return rejected;
      case 'put':
        return { ok: true, state: withPiece(initialState, input.value) };
      case 'append':
        return { ok: true, state: withPiece(state, input.value) };
    }
  },
  hash: (state) => mixHash((state.hash ^ Math.imul(state.length, 0x9e3779b1)) | 0),
  equal: (left, right) => left === right || sameText(left, right),
  partition: (input) => input.key,
  readOnly: (input) => input.f === 'get',
  // Appends only extend the value: a get fits later only if its result extends what the key holds now.
  readMayFitLater: (state, _input, output) => isPrefixOf(state, output),
  resets: (input) => input.f === 'put',
  inputKey: (input) => (input.f === 'get' ? 'g' : `${input.f === 'put' ? 'p' : 'a'}${input.value}`),
  describeOperation(input, output) {
    switch (input.f) {
      case 'get':
        return output === undefined ? `get ${JSON.stringify(input.key)} (result unknown)` : `get ${JSON.stringify(input.key)} → ${JSON.stringify(output)}`;
      case 'put':
        return `put ${JSON.stringify(input.key)} ${JSON.stringify(input.value)}`;
      case 'append':
        return `append ${JSON.stringify(input.key)} ${JSON.stringify(input.value)}`;
    }
  },
  describeState: (state) => `the key holds ${JSON.stringify(kvText(state))}`,
};

export const kvFormat: HistoryFormat<KvInput, KvOutput> = {
  functions: ['get', 'put', 'append'],
  objectField: 'key',
  decodeInvoke(f, record) {
    const key = record['key'];
    const value = record['value'];
    if (typeof key !== 'string') return expected(`"key" a string (got ${showValue(key)})`);
    if (f === 'get') {
      return value === null ? decoded({ f: 'get', key }) : expected(`"value" null for get invoke (got ${showValue(value)})`);
    }
    if (typeof value !== 'string') return expected(`"value" a string for ${f} (got ${showValue(value)})`);
    return decoded(f === 'put' ? { f: 'put', key, value } : { f: 'append', key, value });
  },
  decodeOk(input, value) {
    if (input.f === 'get') {
      return typeof value === 'string' ? decoded(value) : expected(`ok "value" the string read for get (got ${showValue(value)})`);
    }
    return value === input.value ? decoded(value) : expected(`ok "value" ${JSON.stringify(input.value)} as invoked (got ${showValue(value)})`);
  },
};

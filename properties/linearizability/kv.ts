// `kv`: independent string keys, each initially "", with get / put / append. Partitioned per key
// (P-compositionality), so each key is checked on its own.
//
// JSONL: every line carries "key": "<string>". get invoke value null, ok value the string read;
// put and append carry their string on invoke and ok (put replaces, append concatenates).

import { decoded, expected, showValue, type HistoryFormat } from './history-format.js';
import { hashString } from './hash.js';
import type { Model, StepResult } from './model.js';

export type KvState = string;

export type KvInput =
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'append'; readonly key: string; readonly value: string };

/** The string a get returned; put and append echo their input and carry no information. */
export type KvOutput = string;

const rejected: StepResult<never> = { ok: false };

export const kvModel: Model<KvState, KvInput, KvOutput> = {
  name: 'kv',
  init: () => '',
  step(state, input, output) {
    switch (input.f) {
      case 'get':
        if (output === undefined || output === state) return { ok: true, state };
        return rejected;
      case 'put':
        return { ok: true, state: input.value };
      case 'append':
        return { ok: true, state: state + input.value };
    }
  },
  hash: (state) => hashString(state),
  equal: (left, right) => left === right,
  partition: (input) => input.key,
  readOnly: (input) => input.f === 'get',
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
  describeState: (state) => `the key holds ${JSON.stringify(state)}`,
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

// `register`: one integer register, initially null (never written), with read / write / cas.
//
// JSONL: read invoke value null, ok value the integer read (or null when never written); write value the
// integer on invoke and ok; cas value [expected, new] on invoke and ok. A `fail` cas (compare did not
// match) is dropped like every fail: this checker does not verify that the compare really mismatched.

import { decoded, expected, isInteger, showValue, type HistoryFormat } from './history-format.js';
import { hashNumber } from './hash.js';
import type { Model, StepResult } from './model.js';

export type RegisterState = number | null;

export type RegisterInput =
  | { readonly f: 'read' }
  | { readonly f: 'write'; readonly value: number }
  | { readonly f: 'cas'; readonly expected: number; readonly value: number };

/** The integer (or null) a read returned; writes and cas echo their input and carry no information. */
export type RegisterOutput = number | null;

const rejected: StepResult<never> = { ok: false };
const nullHash = 0x2f0b3a49;

export const registerModel: Model<RegisterState, RegisterInput, RegisterOutput> = {
  name: 'register',
  init: () => null,
  step(state, input, output) {
    switch (input.f) {
      case 'read':
        if (output === undefined || output === state) return { ok: true, state };
        return rejected;
      case 'write':
        return { ok: true, state: input.value };
      case 'cas':
        if (state === input.expected) return { ok: true, state: input.value };
        return output === undefined ? { ok: true, state } : rejected;
    }
  },
  hash: (state) => (state === null ? nullHash : hashNumber(state)),
  equal: (left, right) => left === right,
  readOnly: (input) => input.f === 'read',
  inputKey: (input) => (input.f === 'read' ? 'r' : input.f === 'write' ? `w${input.value}` : `c${input.expected},${input.value}`),
  describeOperation(input, output) {
    switch (input.f) {
      case 'read':
        return output === undefined ? 'read (result unknown)' : `read → ${output === null ? 'null' : output}`;
      case 'write':
        return `write ${input.value}`;
      case 'cas':
        return `cas ${input.expected}→${input.value}`;
    }
  },
  describeState: (state) => (state === null ? 'the register was never written (null)' : `the register holds ${state}`),
};

export const registerFormat: HistoryFormat<RegisterInput, RegisterOutput> = {
  functions: ['read', 'write', 'cas'],
  decodeInvoke(f, record) {
    const value = record['value'];
    if (f === 'read') {
      return value === null ? decoded({ f: 'read' }) : expected(`"value" null for read invoke (got ${showValue(value)})`);
    }
    if (f === 'write') {
      return isInteger(value) ? decoded({ f: 'write', value }) : expected(`"value" an integer for write (got ${showValue(value)})`);
    }
    if (Array.isArray(value) && value.length === 2 && isInteger(value[0]) && isInteger(value[1])) {
      return decoded({ f: 'cas', expected: value[0], value: value[1] });
    }
    return expected(`"value" [expected, new] with two integers for cas (got ${showValue(value)})`);
  },
  decodeOk(input, value) {
    if (input.f === 'read') {
      return value === null || isInteger(value) ? decoded(value) : expected(`ok "value" an integer or null for read (got ${showValue(value)})`);
    }
    if (input.f === 'write') {
      return value === input.value ? decoded(value) : expected(`ok "value" ${input.value}, the value written (got ${showValue(value)})`);
    }
    const same = Array.isArray(value) && value.length === 2 && value[0] === input.expected && value[1] === input.value;
    return same ? decoded(input.value) : expected(`ok "value" [${input.expected}, ${input.value}] as invoked (got ${showValue(value)})`);
  },
};

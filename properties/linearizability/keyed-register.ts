// `register` per key: many independent integer registers, each initially null, each with read / write /
// cas exactly as in register.ts. Partitioned by key (P-compositionality), so each key is checked on its
// own. This is the model of Jepsen's jepsen.independent histories, whose values are [key value] tuples;
// keys are compared by their EDN text (`3` and `"3"` are different keys).

import type { Model } from './model.js';
import { registerModel, type RegisterInput, type RegisterOutput, type RegisterState } from './register.js';

export interface KeyedRegisterInput {
  /** The key's EDN text, e.g. `3` or `"x"`. */
  readonly key: string;
  readonly operation: RegisterInput;
}

export const keyedRegisterModel: Model<RegisterState, KeyedRegisterInput, RegisterOutput> = {
  name: 'register',
  init: () => registerModel.init(),
  step: (state, input, output) => registerModel.step(state, input.operation, output),
  hash: (state) => registerModel.hash(state),
  equal: (left, right) => registerModel.equal(left, right),
  partition: (input) => input.key,
  readOnly: (input) => input.operation.f === 'read',
  // Symmetry among info operations is only ever asked within one partition, where the key is the same.
  inputKey: (input) => `${input.key}\u0000${registerModel.inputKey?.(input.operation) ?? JSON.stringify(input.operation)}`,
  describeOperation: (input, output) => `key ${input.key}: ${registerModel.describeOperation(input.operation, output)}`,
  describeState: (state) => registerModel.describeState(state).replace('the register', "the key's register"),
};

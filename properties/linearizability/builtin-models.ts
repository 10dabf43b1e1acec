// The built-in models and their JSONL formats, by the name the CLI's --model flag uses, plus one helper
// that parses a JSONL history and checks it in one go.

import { checkHistory, type CheckOptions, type CheckResult } from './checker.js';
import { eventlogFormat, eventlogModel } from './eventlog.js';
import type { HistoryFormat } from './history-format.js';
import { parseHistoryJsonl } from './history-parser.js';
import { kvFormat, kvModel } from './kv.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';
import { registerFormat, registerModel } from './register.js';

export interface ModelDefinition<State, Input, Output> {
  readonly model: Model<State, Input, Output>;
  readonly format: HistoryFormat<Input, Output>;
}

export const builtinModelNames = ['register', 'kv', 'eventlog'] as const;
export type BuiltinModelName = (typeof builtinModelNames)[number];

export function isBuiltinModelName(name: string): name is BuiltinModelName {
  return (builtinModelNames as readonly string[]).includes(name);
}

export const builtinModels = {
  register: { model: registerModel, format: registerFormat },
  kv: { model: kvModel, format: kvFormat },
  eventlog: { model: eventlogModel, format: eventlogFormat },
} as const;

/** A built-in definition with its types erased, for code that picks the model by name at run time. */
export function builtinModel(name: BuiltinModelName): ModelDefinition<unknown, unknown, unknown> {
  const definition: ModelDefinition<unknown, unknown, unknown> = builtinModels[name];
  return definition;
}

export interface JsonlCheck<State, Input, Output> {
  readonly operations: Operation<Input, Output>[];
  readonly model: Model<State, Input, Output>;
  readonly result: CheckResult;
}

/** Parse (throws HistoryInputError on bad text) and check a JSONL history. */
export function checkJsonlHistory<State, Input, Output>(
  text: string,
  definition: ModelDefinition<State, Input, Output>,
  options: CheckOptions = {},
): JsonlCheck<State, Input, Output> {
  const { operations } = parseHistoryJsonl(text, definition.format);
  return { operations, model: definition.model, result: checkHistory(operations, definition.model, options) };
}

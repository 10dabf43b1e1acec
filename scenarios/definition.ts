// Checks that a value is a usable ScenarioDefinition: what a scenario module written outside faultline
// must look like before anything runs it. Built-in scenarios pass the same check (a test says so).
// Each failure is one line naming the field and what was expected.
import { inputError } from './input-error.js';
import type { BaseConfig, ScenarioDefinition } from './types.js';
import { requireInteger } from './config.js';
import { validateConfig } from './runner.js';

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** Throws InputError unless `value` has every field and function a scenario needs, and valid defaults. */
export function validateScenarioDefinition(value: unknown, where: string): asserts value is ScenarioDefinition<any> {
  if (value === null || typeof value !== 'object') inputError(`${where}: a scenario must be an object (got ${value === null ? 'null' : typeof value})`);
  const record = value as Record<string, unknown>;
  if (typeof record.name !== 'string' || !NAME_PATTERN.test(record.name)) {
    inputError(`${where}: scenario.name must be 1-64 letters, digits, '.', '_' or '-' (got ${JSON.stringify(record.name)})`);
  }
  const scenario = `${where} (scenario ${record.name})`;
  for (const key of ['description', 'model'] as const) {
    if (typeof record[key] !== 'string') inputError(`${scenario}: ${key} must be a string (got ${typeof record[key]})`);
  }
  if (record.bugs === null || typeof record.bugs !== 'object' || Array.isArray(record.bugs)) inputError(`${scenario}: bugs must be an object {name: description}`);
  for (const [bug, text] of Object.entries(record.bugs as object)) {
    if (typeof text !== 'string') inputError(`${scenario}: bugs.${bug} must be a description string`);
  }
  for (const key of ['properties', 'coverage'] as const) {
    if (key === 'coverage' && record[key] === undefined) continue;
    const list = record[key];
    if (!Array.isArray(list)) inputError(`${scenario}: ${key} must be a list of {name, description}`);
    list.forEach((item: unknown, index: number) => {
      const info = item as Record<string, unknown> | null;
      if (info === null || typeof info !== 'object' || typeof info.name !== 'string' || typeof info.description !== 'string') {
        inputError(`${scenario}: ${key}[${index}] must be {name, description} strings`);
      }
    });
  }
  for (const key of ['nodes', 'clients', 'setup'] as const) {
    if (typeof record[key] !== 'function') inputError(`${scenario}: ${key} must be a function (got ${typeof record[key]})`);
  }
  for (const key of ['faultNodes', 'validate'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'function') inputError(`${scenario}: ${key} must be a function when given (got ${typeof record[key]})`);
  }
  if (record.defaults === null || typeof record.defaults !== 'object') inputError(`${scenario}: defaults must be the scenario's config object`);
  const definition = value as ScenarioDefinition<any>;
  let nodes: unknown;
  try {
    nodes = definition.nodes(definition.defaults);
  } catch (error) {
    inputError(`${scenario}: nodes(defaults) threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(nodes) || nodes.length === 0 || !nodes.every((node) => typeof node === 'string')) inputError(`${scenario}: nodes(defaults) must return a non-empty list of node ids`);
  validateConfig(definition, definition.defaults);
  if (record.workloadShrink !== undefined) validateWorkloadShrink(record.workloadShrink, definition.defaults, scenario);
}

/** `workloadShrink`: every path names an integer of the defaults, every bound is an integer in range. */
function validateWorkloadShrink(value: unknown, defaults: BaseConfig, scenario: string): void {
  const where = `${scenario}: workloadShrink`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) inputError(`${where} must be an object {counts, workloadEndPath, tailPaths, quietMicrosMin, timeStepMicros}`);
  const spec = value as Record<string, unknown>;
  const known = ['counts', 'workloadEndPath', 'tailPaths', 'quietMicrosMin', 'timeStepMicros'];
  for (const key of Object.keys(spec)) if (!known.includes(key)) inputError(`${where} has an unknown field ${JSON.stringify(key)} (valid: ${known.join(', ')})`);
  const integerAt = (path: unknown, field: string): number => {
    if (typeof path !== 'string') inputError(`${where}.${field} must be a dotted config path (got ${JSON.stringify(path)})`);
    let holder: unknown = defaults;
    for (const key of path.split('.')) holder = holder !== null && typeof holder === 'object' && Object.hasOwn(holder, key) ? (holder as Record<string, unknown>)[key] : undefined;
    if (typeof holder !== 'number' || !Number.isSafeInteger(holder) || holder < 0) inputError(`${where}.${field}: "${path}" must name a non-negative integer of the defaults (got ${JSON.stringify(holder)})`);
    return holder;
  };
  if (spec.counts !== undefined) {
    if (!Array.isArray(spec.counts)) inputError(`${where}.counts must be a list of {name, path, min}`);
    const names = new Set<string>();
    spec.counts.forEach((item: unknown, index: number) => {
      const count = item as Record<string, unknown> | null;
      if (count === null || typeof count !== 'object' || typeof count.name !== 'string' || count.name === '') inputError(`${where}.counts[${index}] must be {name, path, min} with a non-empty name`);
      if (names.has(count.name)) inputError(`${where}.counts[${index}].name "${count.name}" is used twice`);
      names.add(count.name);
      const initial = integerAt(count.path, `counts[${index}].path`);
      requireInteger(count.min, `${where}.counts[${index}].min`, 0, initial);
    });
  }
  if (spec.workloadEndPath !== undefined) integerAt(spec.workloadEndPath, 'workloadEndPath');
  if (spec.tailPaths !== undefined) {
    if (!Array.isArray(spec.tailPaths)) inputError(`${where}.tailPaths must be a list of config paths`);
    spec.tailPaths.forEach((path: unknown, index: number) => integerAt(path, `tailPaths[${index}]`));
  }
  if (spec.quietMicrosMin !== undefined) requireInteger(spec.quietMicrosMin, `${where}.quietMicrosMin`, 0);
  if (spec.timeStepMicros !== undefined) requireInteger(spec.timeStepMicros, `${where}.timeStepMicros`, 1);
}

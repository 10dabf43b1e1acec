// Checks that a value is a usable ScenarioDefinition: what a scenario module written outside faultline
// must look like before anything runs it. Built-in scenarios pass the same check (a test says so).
// Each failure is one line naming the field and what was expected.
import { inputError } from './input-error.js';
import type { ScenarioDefinition } from './types.js';
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
}

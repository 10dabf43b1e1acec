// Scenarios written outside faultline: a JavaScript module that exports a ScenarioDefinition (as its
// default export or as `scenario`), loaded by path — `faultline run ./my-scenario.js`. The module is
// checked like a built-in scenario before anything runs it, and its path and a digest of its source go
// into every replay file, so `faultline replay` finds it again and says when it has changed since.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateScenarioDefinition } from '../../scenarios/definition.js';
import { findScenario, scenarios } from '../../scenarios/registry.js';
import type { ScenarioDefinition } from '../../scenarios/types.js';
import type { ScenarioModuleRef } from '../../reports/replay-file.js';
import { inputError } from '../../scenarios/input-error.js';

export type { ScenarioModuleRef } from '../../reports/replay-file.js';

/** A scenario and, when it came from a module, where from. */
export interface ScenarioSource {
  scenario: ScenarioDefinition<any>;
  module: ScenarioModuleRef | null;
}

const loadedFrom = new WeakMap<object, ScenarioModuleRef>();

/** The module a scenario was loaded from by `loadScenarioModule`, or null (built in, or defined inline). */
export function scenarioModuleOf(scenario: ScenarioDefinition<any>): ScenarioModuleRef | null {
  return loadedFrom.get(scenario) ?? null;
}

/** A CLI argument names a module rather than a built-in scenario when it looks like a path. */
export function isScenarioPath(text: string): boolean {
  return text.includes('/') || text.includes('\\') || /\.(m?js|cjs)$/i.test(text);
}

/** The first 16 hex digits of the SHA-256 of a module's source: recorded in replay files. */
export function moduleDigest(path: string, shown = path): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    inputError(`cannot read scenario module ${shown}: ${firstLine(error)}`);
  }
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Imports a scenario module by path (relative to the working directory) and checks what it exports. */
export async function loadScenarioModule(path: string): Promise<ScenarioSource> {
  const absolute = isAbsolute(path) ? path : resolve(path);
  if (/\.(c|m)?tsx?$/i.test(absolute)) inputError(`scenario module ${path} is TypeScript: compile it first and pass the .js file (Node runs JavaScript)`);
  const sha256 = moduleDigest(absolute, path);
  let exported: Record<string, unknown>;
  try {
    exported = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    inputError(`cannot load scenario module ${path}: ${firstLine(error)}`);
  }
  const candidate = exported.default ?? exported.scenario;
  if (candidate === undefined) inputError(`scenario module ${path} exports no scenario: export it as default or as \`scenario\` (exports: ${Object.keys(exported).join(', ') || 'none'})`);
  validateScenarioDefinition(candidate, `scenario module ${path}`);
  if (scenarios.some((builtIn) => builtIn.name === candidate.name)) inputError(`scenario module ${path}: name "${candidate.name}" is taken by a built-in scenario; choose another`);
  const module = { path: absolute, sha256 };
  loadedFrom.set(candidate, module);
  return { scenario: candidate, module };
}

/** A built-in scenario by name, or a scenario module by path. */
export async function resolveScenarioSource(nameOrPath: string): Promise<ScenarioSource> {
  if (isScenarioPath(nameOrPath)) return loadScenarioModule(nameOrPath);
  return { scenario: findScenario(nameOrPath), module: null };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

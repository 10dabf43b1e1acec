// The SCENARIO argument of `run` and `explore`: a built-in scenario's name, or the path of a user's
// scenario module (`./my-scenario.js`), resolved with its config overrides and bugs checked.
import { resolveScenarioSource, type ScenarioModuleRef } from './api/scenario-module.js';
import { checkBugs, resolveConfig } from '../scenarios/runner.js';
import type { BaseConfig, ScenarioDefinition } from '../scenarios/types.js';

export interface ResolvedScenario {
  scenario: ScenarioDefinition<any>;
  config: BaseConfig;
  module: ScenarioModuleRef | null;
}

export async function resolveScenarioArgument(nameOrPath: string, overrides: readonly string[], bugs: readonly string[]): Promise<ResolvedScenario> {
  const { scenario, module } = await resolveScenarioSource(nameOrPath);
  const config = resolveConfig(scenario, overrides);
  checkBugs(scenario, bugs);
  return { scenario, config, module };
}

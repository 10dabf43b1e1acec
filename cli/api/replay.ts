// Re-running a replay file: its recorded config, bugs and fault schedule on the same seed, and whether
// the trace hash and the violations came out the same. The scenario is a built-in one, the one passed
// in, or the module the file records (whose current source is compared with the recorded digest).
import { existsSync } from 'node:fs';
import { readReplayFile, type ReplayFile } from '../../reports/replay-file.js';
import { checkBugs, runScenario, validateConfig, type RunResult } from '../../scenarios/runner.js';
import { findScenario, scenarios } from '../../scenarios/registry.js';
import type { ScenarioDefinition } from '../../scenarios/types.js';
import { validateSchedule } from '../../scenarios/validate.js';
import { inputError } from '../../scenarios/input-error.js';
import { loadScenarioModule, moduleDigest } from './scenario-module.js';

export interface ReplayOptions {
  /** Replay the minimal (shrunk) schedule — and the shrunk workload's config — stored in the file instead of the original run. */
  shrunk?: boolean;
  /** The scenario to run, for a user's scenario whose module the file does not record (or that moved). */
  scenario?: ScenarioDefinition<any>;
  /** A module path to load the scenario from, overriding the one the file records. */
  scenarioModule?: string;
  /** Keep the run's full trace (`result.trace`), for `replay --trace` and reports. */
  keepTrace?: boolean;
}

export interface ReplayOutcome {
  replay: ReplayFile;
  scenario: ScenarioDefinition<any>;
  result: RunResult;
  reproduced: boolean;
  traceHashMatches: boolean;
  violationsMatch: boolean;
  /** True when the scenario module's source differs from the one the run was recorded with. */
  moduleChanged: boolean;
}

export async function replayFile(file: string, options: ReplayOptions = {}): Promise<ReplayOutcome> {
  const replay = readReplayFile(file);
  if (options.shrunk) {
    if (replay.shrunk === undefined) inputError(`replay file ${file} holds no shrunk schedule (the run was not shrunk)`);
    Object.assign(replay, { schedule: replay.shrunk.schedule, traceHash: replay.shrunk.traceHash, violations: replay.shrunk.violations, config: replay.shrunk.config ?? replay.config });
  }
  const { scenario, moduleChanged } = await scenarioFor(replay, file, options);
  if (scenario.name !== replay.scenario) inputError(`replay file ${file} records scenario "${replay.scenario}", but the scenario given is "${scenario.name}"`);
  validateConfig(scenario, replay.config);
  checkBugs(scenario, replay.bugs);
  validateSchedule(replay.schedule, scenario.nodes(replay.config), replay.config.durationMicros, scenario.clients(replay.config));
  const result = runScenario({ scenario, seed: replay.seed, config: replay.config, bugs: replay.bugs, schedule: replay.schedule, keepTrace: options.keepTrace === true });
  const traceHashMatches = result.traceHash === replay.traceHash;
  const key = (violations: { property: string; message: string }[]): string => violations.map((each) => `${each.property}\u0000${each.message}`).sort().join('\u0001');
  const violationsMatch = key(result.violations) === key(replay.violations);
  return { replay, scenario, result, reproduced: traceHashMatches && violationsMatch, traceHashMatches, violationsMatch, moduleChanged };
}

async function scenarioFor(replay: ReplayFile, file: string, options: ReplayOptions): Promise<{ scenario: ScenarioDefinition<any>; moduleChanged: boolean }> {
  if (options.scenario !== undefined) return { scenario: options.scenario, moduleChanged: false };
  if (options.scenarioModule !== undefined) {
    const loaded = await loadScenarioModule(options.scenarioModule);
    return { scenario: loaded.scenario, moduleChanged: replay.scenarioModule !== undefined && replay.scenarioModule.sha256 !== loaded.module?.sha256 };
  }
  const recorded = replay.scenarioModule;
  if (recorded === undefined) {
    if (!scenarios.some((each) => each.name === replay.scenario)) {
      inputError(`replay file ${file}: unknown scenario "${replay.scenario}" (not built in, and the file records no scenario module): pass --scenario PATH, the module that exports it`);
    }
    return { scenario: findScenario(replay.scenario), moduleChanged: false };
  }
  if (!existsSync(recorded.path)) inputError(`replay file ${file} records scenario module ${recorded.path}, which no longer exists: pass --scenario PATH`);
  const loaded = await loadScenarioModule(recorded.path);
  return { scenario: loaded.scenario, moduleChanged: moduleDigest(recorded.path) !== recorded.sha256 };
}

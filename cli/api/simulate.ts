// The library face of `faultline run`: one seed of a scenario — built in or the user's own — run in
// the calling thread, for a vitest (or any) test suite. A failure is shrunk to a minimal fault
// schedule, leaves a replay file and reports like the CLI's, and `assertPasses` throws an Error whose
// message holds the violations and the `faultline replay` command that reproduces them.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shrunkOf, writeFailureArtifacts, type Shrunk } from '../../reports/failure-artifacts.js';
import { checkBugs, resolveConfig, runScenario, type RunResult } from '../../scenarios/runner.js';
import { shrinkFailure } from '../../scenarios/shrink-failure.js';
import { describeWorkloadShrink, WORKLOAD_ATTEMPTS_MAX, type WorkloadShrinkSummary } from '../../scenarios/shrink-workload.js';
import { inputError } from '../../scenarios/input-error.js';
import { scenarios } from '../../scenarios/registry.js';
import type { BaseConfig, ScenarioDefinition } from '../../scenarios/types.js';
import type { FaultSchedule } from '../../sim/faults.js';
import { validateSchedule } from '../../scenarios/validate.js';
import { formatMicros } from '../../sim/time.js';
import { moduleDigest, scenarioModuleOf, type ScenarioModuleRef } from './scenario-module.js';
import { toolVersion } from '../version.js';

export interface SimulateOptions<C extends BaseConfig = BaseConfig> {
  scenario: ScenarioDefinition<C>;
  /** Default 1. */
  seed?: number;
  /** Planted bugs to switch on, by name. */
  bugs?: readonly string[];
  /** Config overrides by dotted path, exactly as `--set path=value`. */
  set?: readonly string[];
  /** A fault schedule that replaces the generated one (e.g. drawn by `faultScheduleArbitrary`). */
  schedule?: FaultSchedule;
  /** Where a failure's replay file and reports go (default `./faultline-out`); `false` writes nothing. */
  out?: string | false;
  /** Shrink a failing run's fault schedule (default true). */
  shrink?: boolean;
  /**
   * Then shrink its workload — clients, operations, run length — where the scenario declares how
   * (`workloadShrink`); default true. A number is the attempt budget (trial runs).
   */
  shrinkWorkload?: boolean | number;
  /** Keep the full event trace in the result (default false). */
  keepTrace?: boolean;
  /**
   * The compiled JavaScript module that exports this scenario (a path or a `file:` URL), recorded in
   * the replay file so that `faultline replay FILE` can load it. Not needed for a scenario that
   * `loadScenarioModule` loaded, nor for a built-in one.
   */
  scenarioModule?: string;
}

export type SimulateResult = RunResult & {
  /** The replay file a failure left (null for a pass, or with `out: false`). */
  replayFile: string | null;
  /** The HTML report beside it (a Markdown one has the same name with `.md`). */
  reportFile: string | null;
  /** The shell command that re-runs the failure bit for bit, or null. */
  replayCommand: string | null;
  /** The minimal fault schedule shrinking found, or null. */
  shrunkSchedule: FaultSchedule | null;
  /** The shrunk run's config when its workload was shrunk (it replays with `shrunkSchedule`), or null. */
  shrunkConfig: BaseConfig | null;
  /** Workload sizes before and after, the `--set` changes and the attempts spent, or null. */
  workloadShrink: WorkloadShrinkSummary | null;
};

/** Runs one seed. Bad options (unknown bug, bad `--set`, bad schedule) throw InputError. */
export function simulate<C extends BaseConfig>(options: SimulateOptions<C>): SimulateResult {
  const scenario = options.scenario as ScenarioDefinition<any>;
  const bugs = [...(options.bugs ?? [])];
  const workload = options.shrinkWorkload ?? true;
  if (typeof workload !== 'boolean' && !(Number.isSafeInteger(workload) && workload >= 1 && workload <= WORKLOAD_ATTEMPTS_MAX)) {
    inputError(`shrinkWorkload must be true, false or an attempt budget in [1, ${WORKLOAD_ATTEMPTS_MAX}] (got ${String(workload)})`);
  }
  const config = resolveConfig(scenario, options.set ?? []);
  checkBugs(scenario, bugs);
  if (options.schedule !== undefined) validateSchedule(options.schedule, scenario.nodes(config), config.durationMicros, scenario.clients(config));
  const request = { scenario, seed: options.seed ?? 1, config, bugs, keepTrace: options.keepTrace ?? false, ...(options.schedule !== undefined ? { schedule: options.schedule } : {}) };
  const result = runScenario(request);
  const none = { replayFile: null, reportFile: null, replayCommand: null, shrunkSchedule: null, shrunkConfig: null, workloadShrink: null };
  if (result.outcome === 'pass') return { ...result, ...none };
  let shrunk: Shrunk | null = null;
  const property = result.violations.find((each) => each.kind !== 'inconclusive')?.property;
  if (options.shrink !== false && property !== undefined && result.outcome === 'fail' && result.kind !== 'crash') {
    const found = shrinkFailure(request, result, property, { workload: workload !== false, ...(typeof workload === 'number' ? { workloadAttemptsMax: workload } : {}) });
    shrunk = shrunkOf(found);
  }
  const shrunkFields = { shrunkSchedule: shrunk?.schedule ?? null, shrunkConfig: shrunk?.config ?? null, workloadShrink: shrunk?.workload ?? null };
  if (options.out === false) return { ...result, ...none, ...shrunkFields };
  const scenarioModule = options.scenarioModule !== undefined ? moduleRef(options.scenarioModule) : (scenarioModuleOf(scenario) ?? undefined);
  const artifacts = writeFailureArtifacts(options.out ?? './faultline-out', result, scenario.properties, scenario.nodes(config), toolVersion(), shrunk, {
    defaults: scenario.defaults,
    ...(scenarioModule !== undefined ? { scenarioModule } : {}),
  });
  const builtIn = scenarios.includes(scenario);
  const hint = builtIn || scenarioModule !== undefined ? '' : ` --scenario <the compiled module that exports scenario "${scenario.name}">`;
  return { ...result, replayFile: artifacts.replayFile, reportFile: artifacts.htmlFile, replayCommand: `faultline replay ${artifacts.replayFile}${hint}`, ...shrunkFields };
}

/** Thrown by `assertPasses`: the message says what failed and how to replay it. */
export class SimulationFailure extends Error {
  override name = 'SimulationFailure';
  constructor(readonly result: SimulateResult) {
    super(describeFailure(result));
  }
}

/** `simulate`, then throw a SimulationFailure unless every property held. */
export function assertPasses<C extends BaseConfig>(options: SimulateOptions<C>): SimulateResult {
  const result = simulate(options);
  if (result.outcome !== 'pass') throw new SimulationFailure(result);
  return result;
}

/** Several lines for a test runner's failure output: verdict, violations, the minimal schedule, replay. */
export function describeFailure(result: SimulateResult): string {
  const verdict = result.outcome === 'fail' ? `failed (${result.kind})` : result.outcome;
  const lines = [`faultline: ${result.scenario} seed ${result.seed}${result.bugs.length > 0 ? ` with bugs ${result.bugs.join(', ')}` : ''} ${verdict}`];
  for (const violation of result.violations) {
    const at = violation.atMicros !== undefined && violation.atMicros !== null ? ` at ${formatMicros(violation.atMicros)}` : '';
    lines.push(`  ${violation.property} (${violation.kind})${at}: ${violation.message}`);
  }
  if (result.shrunkSchedule !== null) lines.push(`  minimal fault schedule: ${result.shrunkSchedule.length} of ${result.schedule.length} faults`);
  if (result.workloadShrink !== null && result.workloadShrink.overrides.length > 0) lines.push(`  workload shrunk: ${describeWorkloadShrink(result.workloadShrink)} (replay with --shrunk)`);
  if (result.replayCommand !== null) lines.push(`  replay: ${result.replayCommand}`);
  if (result.reportFile !== null) lines.push(`  report: ${result.reportFile}`);
  return lines.join('\n');
}

function moduleRef(pathOrUrl: string): ScenarioModuleRef {
  const path = pathOrUrl.startsWith('file:') ? fileURLToPath(pathOrUrl) : isAbsolute(pathOrUrl) ? pathOrUrl : resolve(pathOrUrl);
  return { path, sha256: moduleDigest(path) };
}

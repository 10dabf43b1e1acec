// Runs one scenario for one seed: resolve the config, build the simulation, schedule the faults, run
// to the end of simulated time (or the event budget), judge, and return a plain result that reporters
// format without re-running anything.
import { AssertionError } from '../sim/assert.js';
import type { Violation } from '../properties/violation.js';
import { generateSchedule, isInjected, type FaultSchedule } from '../sim/faults.js';
import type { HistoryEvent } from '../sim/history.js';
import { InputError, inputError } from './input-error.js';
import { rootRandom } from '../sim/random.js';
import { Simulation, type RunStop, type SimulationObserver, type TraceEntry } from '../sim/simulation.js';
import type { Micros } from '../sim/time.js';
import { applyOverride, cloneConfig } from './config.js';
import { configForSeed } from './options.js';
import { findScenario } from './registry.js';
import type { BaseConfig, ScenarioDefinition, ScenarioRun } from './types.js';
import { validateBase } from './validate.js';

export interface RunRequest {
  scenario: ScenarioDefinition<any>;
  seed: number;
  /** A fully resolved config (from `resolveConfig` or a replay file). */
  config: BaseConfig;
  bugs: readonly string[];
  /** Replaces both the scenario's schedule and the generated one (replay, shrinking). */
  schedule?: FaultSchedule;
  keepTrace?: boolean;
  observer?: SimulationObserver;
}

/** How a failing run failed, worst first: a crash hides what else went wrong, a safety failure outranks a stall. */
export type FailureKind = 'crash' | 'correctness' | 'liveness';

/**
 * A run's verdict, as fast-check's results are: a discriminated union that reporters format without
 * re-running anything. `inconclusive`: nothing failed, but some checker ran out of budget and could not
 * decide — it is not a pass (exit 3). A failure with an undecided check beside it is still a failure.
 */
export type Verdict =
  | { outcome: 'pass'; violations: [] }
  | { outcome: 'fail'; kind: FailureKind; violations: Violation[] }
  | { outcome: 'inconclusive'; violations: Violation[] };

export type RunResult = Verdict & {
  scenario: string;
  seed: number;
  /** The config as resolved (defaults + `--set`), before the seed's option draw: what a replay file records. */
  config: BaseConfig;
  /** The options this seed drew (`path=value`, applied on top of `config`); empty unless the scenario draws them. */
  options: string[];
  bugs: string[];
  schedule: FaultSchedule;
  /** Faults applied before the run ended, the final healAll not counted (as the schedule is counted). */
  /** Faults in the schedule, the final `healAll` not counted: what the run header lists. */
  faultsScheduled: number;
  /**
   * Of those, the ones that took effect: all but targeted faults that found no node to hit or whose
   * trigger (a new primary) never came. A targeted fault's own end (restart, resume, heal) is not counted.
   */
  faultsInjected: number;
  traceHash: string;
  events: number;
  simulatedMicros: Micros;
  wallMs: number;
  history: HistoryEvent[];
  trace: TraceEntry[] | null;
  summary: Record<string, number | string>;
  /** The scenario's per-run figures (`ScenarioRun.metrics`), aggregated by explore. */
  metrics: Record<string, number>;
  /** Coverage goals reached in this run, with how many times each was reached. */
  coverage: Record<string, number>;
};

/** Defaults + `--set` overrides, validated. Throws InputError on any bad path, type or value. */
export function resolveConfig(scenario: ScenarioDefinition<any>, overrides: readonly string[]): BaseConfig {
  const config = cloneConfig(scenario.defaults) as BaseConfig;
  for (const assignment of overrides) applyOverride(config as unknown as Record<string, unknown>, assignment);
  validateConfig(scenario, config);
  return config;
}

/** What `run` and `explore` start from: a known scenario, its config with overrides, known bugs. */
export function resolveRequest(name: string, overrides: readonly string[], bugs: readonly string[]): { scenario: ScenarioDefinition<any>; config: BaseConfig } {
  const scenario = findScenario(name);
  const config = resolveConfig(scenario, overrides);
  checkBugs(scenario, bugs);
  return { scenario, config };
}

export function validateConfig(scenario: ScenarioDefinition<any>, config: BaseConfig): void {
  validateBase(config, scenario.nodes(config), scenario.clients(config));
  scenario.validate?.(config);
}

export function checkBugs(scenario: ScenarioDefinition<any>, bugs: readonly string[]): void {
  const known = Object.keys(scenario.bugs);
  for (const bug of bugs) {
    if (!Object.hasOwn(scenario.bugs, bug)) {
      inputError(`unknown bug "${bug}" for model ${scenario.model} (known: ${known.length > 0 ? known.join(', ') : 'none'})`);
    }
  }
}

export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) inputError(`seed must be a non-negative integer (got ${seed})`);
}

export function scheduleFor(scenario: ScenarioDefinition<any>, resolved: BaseConfig, seed: number): FaultSchedule {
  return generatedSchedule(scenario, configForSeed(scenario, resolved, seed).config, seed);
}

/** The schedule of a config the seed's options are already drawn into. */
function generatedSchedule(scenario: ScenarioDefinition<any>, config: BaseConfig, seed: number): FaultSchedule {
  if (config.schedule !== null) return structuredClone(config.schedule);
  return generateSchedule(config.faults, scenario.faultNodes?.(config) ?? scenario.nodes(config), rootRandom(seed).fork('faults'), scenario.clients(config));
}

export function runScenario(request: RunRequest): RunResult {
  const session = startRun(request);
  session.advance(request.config.durationMicros);
  return session.finish();
}

/**
 * A run that can be advanced in slices of simulated time, so a terminal UI can redraw between them.
 * Slicing never changes what executes: `advance(t)` runs every event at or before t, in queue order.
 */
export interface RunSession {
  readonly simulation: Simulation;
  readonly schedule: FaultSchedule;
  readonly scenario: string;
  readonly bugs: readonly string[];
  /** The options this seed drew (`path=value`); empty unless the scenario draws them. */
  readonly options: readonly string[];
  readonly durationMicros: Micros;
  /** Runs up to `untilMicros` (capped at the scenario's duration); false once the run is over. */
  advance(untilMicros: Micros): boolean;
  finish(): RunResult;
}

export function startRun(request: RunRequest): RunSession {
  const { scenario, seed } = request;
  checkSeed(seed);
  checkBugs(scenario, request.bugs);
  // The seed's own design options, if the scenario draws them; everything below runs with them.
  const { config, options } = configForSeed(scenario, request.config, seed);
  const startedMs = performance.now(); // wall-clock-ok: wallMs is reported, never fed into the simulation
  const schedule = request.schedule ?? generatedSchedule(scenario, config, seed);
  const simulation = new Simulation({
    seed,
    network: config.network,
    disk: config.disk,
    nodes: scenario.nodes(config),
    clients: scenario.clients(config),
    eventsMax: config.eventsMax,
    pendingEventsMax: config.pendingEventsMax,
    keepTrace: request.keepTrace ?? false,
  });
  if (request.observer !== undefined) simulation.observer = request.observer;
  let run: ScenarioRun | null = null;
  let stop: RunStop | null = null;
  let crash: Violation | null = null;
  try {
    run = scenario.setup(simulation, config, { bugs: new Set(request.bugs), schedule });
    simulation.scheduleFaults(schedule);
  } catch (error) {
    if (error instanceof InputError) throw error;
    crash = crashViolation(error, simulation.now, 'setting up the scenario');
  }
  const over = (): boolean => crash !== null || (stop !== null && stop !== 'time') || simulation.now >= config.durationMicros;
  return {
    simulation,
    schedule,
    scenario: scenario.name,
    bugs: request.bugs,
    options,
    durationMicros: config.durationMicros,
    advance(untilMicros) {
      if (over()) return false;
      try {
        stop = simulation.run(Math.min(untilMicros, config.durationMicros));
      } catch (error) {
        if (error instanceof InputError) throw error;
        crash = crashViolation(error, simulation.now, 'the model');
      }
      return !over();
    },
    finish() {
      let violations: Violation[] = [];
      let summary: Record<string, number | string> = {};
      let metrics: Record<string, number> = {};
      if (crash === null && run !== null) {
        try {
          violations = run.check(stop ?? 'time');
          summary = run.summary?.() ?? {};
          metrics = run.metrics?.() ?? {};
        } catch (error) {
          if (error instanceof InputError) throw error;
          crash = crashViolation(error, simulation.now, 'a checker');
        }
      }
      if (crash !== null) violations = [crash];
      if (stop === 'budget') {
        violations.push({
          property: 'bounded-run',
          kind: 'liveness',
          message: `the run used its whole event budget (eventsMax ${config.eventsMax}) by simulated time ${simulation.now}µs without finishing: a runaway model`,
          atMicros: simulation.now,
        });
      }
      const faultsScheduled = schedule.filter((timed) => isInjected(timed.fault)).length;
      return {
        scenario: scenario.name,
        seed,
        config: request.config,
        options,
        bugs: [...request.bugs],
        schedule,
        ...verdictOf(violations),
        faultsScheduled,
        faultsInjected: faultsScheduled - simulation.targetedFaultsMissed,
        traceHash: simulation.traceHash(),
        events: simulation.eventsExecuted,
        simulatedMicros: simulation.now,
        wallMs: Math.round((performance.now() - startedMs) * 100) / 100, // wall-clock-ok: reported only
        history: simulation.history,
        trace: simulation.trace,
        summary,
        metrics,
        coverage: Object.fromEntries([...simulation.coverage].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      };
    },
  };
}

/** A programmer error — an assertion or anything thrown — in the model, a checker or the scenario's setup. */
function crashViolation(error: unknown, atMicros: Micros, culprit: string): Violation {
  const what = error instanceof AssertionError ? `assertion failed in ${culprit}` : `${culprit} threw`;
  const message = error instanceof Error ? error.message : String(error);
  const frame = error instanceof Error ? (error.stack?.split('\n')[1]?.trim() ?? '') : '';
  return { property: 'no-crash', kind: 'crash', message: `${what}: ${message}${frame ? ` (${frame})` : ''}`, atMicros };
}

/** The verdict of a run's violations: the worst failure kind, else inconclusive, else a pass. */
export function verdictOf(violations: Violation[]): Verdict {
  if (violations.length === 0) return { outcome: 'pass', violations: [] };
  for (const kind of ['crash', 'correctness', 'liveness'] as const) {
    if (violations.some((each) => each.kind === kind)) return { outcome: 'fail', kind, violations };
  }
  return { outcome: 'inconclusive', violations };
}

// Shrinking a failing run's workload: fewer clients (and streams, customers…), fewer operations, a
// shorter run, while the same property still fails the same way. It works after the fault schedule
// has been shrunk, on the same seed, by changing config values the scenario declares shrinkable
// (`ScenarioDefinition.workloadShrink`) and re-running.
//
// Dimensions, tried in this order, in passes until a pass changes nothing or the attempt budget is spent:
// - `fault phase`: the stretch between the last fault that is not the final healAll and that healAll is
//   cut out — the heal, the end of the fault window, the run's end and the declared quiet-period marks
//   (`tailPaths`) all move earlier by the cut, so the quiet period keeps its shape;
// - `quiet period`: the time after the final heal is scaled down, its marks in proportion, but never
//   below the scenario's `quietMicrosMin` (and not at all without one);
// - `workload end` (`workloadEndPath`): clients stop starting operations earlier;
// - each declared count (`counts`), towards its minimum. Faults that name a client (or node) the
//   smaller config no longer has are rewritten without it (a partition group loses the member) or
//   dropped (a clog, a crash), so the schedule stays valid.
// Each dimension is an integer shrunk as fast-check shrinks one: first its minimum, then halving the
// distance, then one step below the current value; the first candidate that still fails is kept.
//
// A liveness failure keeps its quiet period and its workload end: "it recovers within the bound, with
// clients still asking" is the question, and less time or no clients would answer it falsely.
// A candidate is kept only when the run fails the target property with the same violation kind and
// fails no property the run it started from did not fail (so a shorter quiet period may not trade the
// failure for a new liveness one), and — when planted bugs are on — the same run with the bugs off
// fails nothing the starting run with the bugs off did not (a control run per kept candidate). Candidates whose config or schedule does not validate are skipped
// without a run. Everything here is a pure function of its inputs: the same failure shrinks the same way.
import { assert } from '../sim/assert.js';
import type { Fault, FaultSchedule, TimedFault } from '../sim/faults.js';
import { formatMicros } from '../sim/time.js';
import { InputError } from './input-error.js';
import { searchSmallest } from './shrink-search.js';
import { runScenario, validateConfig, type RunRequest, type RunResult } from './runner.js';
import type { BaseConfig, ScenarioDefinition, WorkloadShrinkSpec } from './types.js';
import { validateSchedule } from './validate.js';

/** The attempt budget when none is given: trial runs, not counting candidates refused by validation. */
export const WORKLOAD_ATTEMPTS_DEFAULT = 100;
export const WORKLOAD_ATTEMPTS_MAX = 10_000;
const TIME_STEP_DEFAULT_MICROS = 10_000;

/** How big a run's workload is: each declared count, the operations clients invoked, the run's length. */
export interface WorkloadSizes {
  counts: Record<string, number>;
  operations: number;
  durationMicros: number;
}

export interface WorkloadShrinkResult {
  config: BaseConfig;
  schedule: FaultSchedule;
  /** The run of the smallest failing workload (the starting run when nothing could be shrunk). */
  result: RunResult;
  before: WorkloadSizes;
  after: WorkloadSizes;
  /** Trial runs made, and the budget they were made under. */
  attempts: number;
  attemptsMax: number;
  /** Runs with the planted bugs off that checked kept candidates (see `shrinkWorkload`); not in `attempts`. */
  controlRuns: number;
  /** The config changes as `--set path=value` assignments, relative to the config it started from. */
  overrides: string[];
  /** Faults dropped because they named a client or node that the smaller config no longer has. */
  faultsDropped: number;
  wallMs: number;
}

export interface WorkloadShrinkOptions {
  attemptsMax?: number;
  /** Check each kept candidate with the planted bugs off (default true; it does nothing without bugs). */
  control?: boolean;
  /** Hears after every trial run: attempts so far and the sizes of the smallest failing workload. */
  onProgress?: (attempts: number, sizes: WorkloadSizes) => void;
}

interface State {
  config: BaseConfig;
  schedule: FaultSchedule;
  /** Faults dropped so far because they named endpoints the config no longer has. */
  dropped: number;
}

/** A workload dimension before validation: its candidate may still need faults dropped, or be invalid. */
interface Dimension {
  name: string;
  min: number;
  step: number;
  value(state: State): number | null;
  apply(state: State, value: number): State;
}

/**
 * Shrinks the workload of `failing` — a failing run of `request` (its schedule already shrunk) — keeping
 * `property` violated. Returns the starting point unchanged when nothing smaller still fails.
 */
export function shrinkWorkload(request: RunRequest & { schedule: FaultSchedule }, failing: RunResult, property: string, options: WorkloadShrinkOptions = {}): WorkloadShrinkResult {
  const startedMs = performance.now(); // wall-clock-ok: reported only, never fed into a run
  const attemptsMax = options.attemptsMax ?? WORKLOAD_ATTEMPTS_DEFAULT;
  const target = failing.violations.find((each) => each.property === property && each.kind !== 'inconclusive');
  assert(target !== undefined, `shrinkWorkload: the run does not fail ${property}`);
  const allowed = new Set(failing.violations.filter((each) => each.kind !== 'inconclusive').map((each) => each.property));
  const scenario = request.scenario;
  const spec = scenario.workloadShrink ?? {};
  const dimensions = dimensionsOf(spec)
    .filter((dimension) => target.kind !== 'liveness' || (dimension.name !== 'quiet period' && dimension.name !== 'workload end'))
    .map((dimension) => ({ ...dimension, apply: (state: State, value: number) => usable(scenario, dimension.apply(state, value)) }));
  const start: State = { config: request.config, schedule: request.schedule, dropped: 0 };

  const run = (candidate: State, bugs: readonly string[]): RunResult | null => {
    try {
      return runScenario({ scenario, seed: request.seed, config: candidate.config, bugs, schedule: candidate.schedule });
    } catch (error) {
      if (error instanceof InputError) return null; // a setup that refuses the smaller config
      throw error;
    }
  };
  const violated = (result: RunResult): Set<string> => new Set(result.violations.filter((each) => each.kind !== 'inconclusive').map((each) => each.property));
  // The control: with planted bugs on, a candidate is kept only if the same run with the bugs off fails
  // nothing the starting run with the bugs off did not — so the smaller run fails because of the bug,
  // not because it became too small to pass (a quiet period too short to converge, clients that stop
  // before the heal). Without bugs, or when the bugs-off start already fails the property, there is no control.
  let controlRuns = 0;
  let control: Set<string> | null = null;
  if (options.control !== false && request.bugs.length > 0 && attemptsMax > 0) {
    controlRuns++;
    const off = run(start, []);
    if (off !== null && !violated(off).has(property)) control = violated(off);
  }
  const fails = (candidate: State): RunResult | null => {
    const result = run(candidate, request.bugs);
    if (result === null) return null;
    const kept = result.violations.filter((each) => each.kind !== 'inconclusive');
    if (!kept.some((each) => each.property === property && each.kind === target.kind)) return null;
    if (!kept.every((each) => allowed.has(each.property))) return null;
    if (control !== null) {
      controlRuns++;
      const off = run(candidate, []);
      const passesAsBefore = off !== null && [...violated(off)].every((each) => control?.has(each) === true);
      if (!passesAsBefore) return null;
    }
    latest = result;
    return result;
  };
  let latest = failing;
  const found = searchSmallest(start, dimensions, fails, attemptsMax, (attempts, state) => options.onProgress?.(attempts, sizesOf(spec, state.config, latest)));
  const state = found.state;
  const best = found.best ?? failing;
  const attempts = found.attempts;
  const faultsDropped = state.dropped;
  return {
    config: state.config,
    schedule: state.schedule,
    result: best,
    before: sizesOf(spec, start.config, failing),
    after: sizesOf(spec, state.config, best),
    attempts,
    attemptsMax,
    controlRuns,
    overrides: overridesBetween(spec, start.config, state.config),
    faultsDropped,
    wallMs: Math.round(performance.now() - startedMs), // wall-clock-ok: reported only
  };
}

/** The sizes reported before and after: declared counts, operations invoked, the run's length. */
export function sizesOf(spec: WorkloadShrinkSpec, config: BaseConfig, result: Pick<RunResult, 'history'>): WorkloadSizes {
  const counts: Record<string, number> = {};
  for (const count of spec.counts ?? []) counts[count.name] = numberAt(config, count.path);
  return { counts, operations: result.history.filter((event) => event.type === 'invoke').length, durationMicros: config.durationMicros };
}

/**
 * What a replay file and `run --json` keep of a workload shrink: sizes before and after, and its cost
 * (`wallMs` only in `run --json`: a replay file holds nothing that differs from one run to the next).
 */
export type WorkloadShrinkSummary = Pick<WorkloadShrinkResult, 'before' | 'after' | 'attempts' | 'attemptsMax' | 'overrides' | 'faultsDropped'> & { controlRuns?: number; wallMs?: number };

export function workloadSummary(shrunk: WorkloadShrinkResult): WorkloadShrinkSummary {
  const { before, after, attempts, attemptsMax, controlRuns, overrides, faultsDropped, wallMs } = shrunk;
  return { before, after, attempts, attemptsMax, controlRuns, overrides, faultsDropped, wallMs };
}

/** `clients 4 → 1, operations 3555 → 41, duration 4.000s → 420.0ms (23 attempts)`: what the report and the CLI print. */
export function describeWorkloadShrink(summary: WorkloadShrinkSummary): string {
  const { before, after } = summary;
  const parts = Object.keys(before.counts).map((name) => `${name} ${before.counts[name]} → ${after.counts[name] ?? '?'}`);
  parts.push(`operations ${before.operations} → ${after.operations}`);
  parts.push(`duration ${formatMicros(before.durationMicros)} → ${formatMicros(after.durationMicros)}`);
  const dropped = summary.faultsDropped > 0 ? `, ${summary.faultsDropped} fault(s) naming removed clients dropped` : '';
  const controls = summary.controlRuns !== undefined && summary.controlRuns > 0 ? `, ${summary.controlRuns} with the bugs off` : '';
  return `${parts.join(', ')} (${summary.attempts} attempt${summary.attempts === 1 ? '' : 's'}${summary.attempts >= summary.attemptsMax ? ', the whole budget' : ''}${controls}${dropped})`;
}

function dimensionsOf(spec: WorkloadShrinkSpec): Dimension[] {
  const timeStep = spec.timeStepMicros ?? TIME_STEP_DEFAULT_MICROS;
  const timePaths = [...new Set(['durationMicros', 'faults.endMicros', ...(spec.tailPaths ?? []), ...(spec.workloadEndPath !== undefined ? [spec.workloadEndPath] : [])])];
  const quietMin = spec.quietMicrosMin;
  const dimensions: Dimension[] = [
    {
      // The fault phase after its last fault: value = the time from that fault (or the window's start) to the heal.
      name: 'fault phase',
      step: timeStep,
      min: 0,
      value: (state) => {
        const heal = healMicros(state.schedule);
        return heal === null ? null : heal - Math.max(lastFaultMicros(state.schedule), state.config.faults.startMicros, 0);
      },
      apply(state, value) {
        const heal = healMicros(state.schedule) as number;
        const cut = (this.value(state) as number) - value;
        const map = (time: number): number => (time <= heal - cut ? time : Math.max(heal - cut, time - cut));
        return retime(state, timePaths, map);
      },
    },
  ];
  if (quietMin !== undefined) {
    dimensions.push({
      // The quiet period: value = the time from the final heal (or last fault) to the run's end.
      name: 'quiet period',
      step: timeStep,
      min: quietMin,
      value: (state) => {
        const from = healMicros(state.schedule) ?? lastFaultMicros(state.schedule);
        const quiet = state.config.durationMicros - from;
        return quiet > 0 ? quiet : null;
      },
      apply(state, value) {
        const from = healMicros(state.schedule) ?? lastFaultMicros(state.schedule);
        const quiet = BigInt(state.config.durationMicros - from);
        const map = (time: number): number => (time <= from ? time : from + Number((BigInt(time - from) * BigInt(value)) / quiet));
        return retime(state, timePaths, map);
      },
    });
  }
  const workloadEnd = spec.workloadEndPath;
  if (workloadEnd !== undefined) {
    dimensions.push({
      name: 'workload end',
      step: timeStep,
      min: 0,
      value: (state) => numberAt(state.config, workloadEnd),
      apply: (state, value) => ({ ...state, config: withValue(state.config, workloadEnd, value) }),
    });
  }
  for (const count of spec.counts ?? []) {
    dimensions.push({
      name: count.name,
      step: 1,
      min: count.min,
      value: (state) => numberAt(state.config, count.path),
      apply: (state, value) => ({ ...state, config: withValue(state.config, count.path, value) }),
    });
  }
  return dimensions;
}

/** A candidate made valid for its own cluster (faults naming missing ids go), or null if it is not usable. */
function usable(scenario: ScenarioDefinition<any>, candidate: State): State | null {
  try {
    const nodes = scenario.nodes(candidate.config);
    const clients = scenario.clients(candidate.config);
    const schedule = restrictSchedule(candidate.schedule, new Set(nodes), new Set([...nodes, ...clients]));
    const config = candidate.config.schedule === null ? candidate.config : { ...candidate.config, schedule };
    validateConfig(scenario, config);
    validateSchedule(schedule, nodes, config.durationMicros, clients);
    return { config, schedule, dropped: candidate.dropped + candidate.schedule.length - schedule.length };
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

/**
 * The schedule without the clients and nodes a smaller config no longer has: partition groups and
 * one-way sides lose the missing members (a partition left with fewer than two groups, or a one-way
 * cut with an empty side, cuts nothing and goes), and a fault aimed at a missing endpoint goes.
 */
export function restrictSchedule(schedule: FaultSchedule, nodes: ReadonlySet<string>, endpoints: ReadonlySet<string>): FaultSchedule {
  const kept: TimedFault[] = [];
  for (const timed of schedule) {
    const fault = restrictFault(timed.fault, nodes, endpoints);
    if (fault !== null) kept.push(fault === timed.fault ? timed : { atMicros: timed.atMicros, fault });
  }
  return kept;
}

function restrictFault(fault: Fault, nodes: ReadonlySet<string>, endpoints: ReadonlySet<string>): Fault | null {
  if ('node' in fault) return nodes.has(fault.node) ? fault : null;
  if (fault.kind === 'clog') return endpoints.has(fault.source) && endpoints.has(fault.target) ? fault : null;
  if (fault.kind === 'partition') {
    if (fault.groups.every((group) => group.every((member) => endpoints.has(member)))) return fault;
    const groups = fault.groups.map((group) => group.filter((member) => endpoints.has(member))).filter((group) => group.length > 0);
    return groups.length >= 2 ? { kind: 'partition', groups } : null;
  }
  if (fault.kind === 'partitionOneWay') {
    const sources = fault.sources.filter((member) => endpoints.has(member));
    const targets = fault.targets.filter((member) => endpoints.has(member));
    if (sources.length === fault.sources.length && targets.length === fault.targets.length) return fault;
    return sources.length > 0 && targets.length > 0 ? { kind: 'partitionOneWay', sources, targets } : null;
  }
  return fault;
}

/** The time of the last healAll, or null when the schedule has none. */
function healMicros(schedule: FaultSchedule): number | null {
  let last: number | null = null;
  for (const timed of schedule) if (timed.fault.kind === 'healAll' && (last === null || timed.atMicros > last)) last = timed.atMicros;
  return last;
}

/** The time of the last fault that is not a healAll (0 when there is none). */
function lastFaultMicros(schedule: FaultSchedule): number {
  let last = 0;
  for (const timed of schedule) if (timed.fault.kind !== 'healAll' && timed.atMicros > last) last = timed.atMicros;
  return last;
}

/** Moves every listed config time and every fault time through `map` (monotone, so order is kept). */
function retime(state: State, paths: readonly string[], map: (time: number) => number): State {
  let config = state.config;
  for (const path of paths) config = withValue(config, path, map(numberAt(config, path)));
  const schedule = state.schedule.map((timed) => {
    const atMicros = map(timed.atMicros);
    return atMicros === timed.atMicros ? timed : { atMicros, fault: timed.fault };
  });
  return { config, schedule, dropped: state.dropped };
}

function numberAt(config: BaseConfig, path: string): number {
  let holder: unknown = config;
  for (const key of path.split('.')) holder = holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined;
  assert(typeof holder === 'number', `workload shrinking: config path ${path} is not a number`);
  return holder;
}

/** A copy of the config with one number changed (the copy shares nothing with the original). */
function withValue(config: BaseConfig, path: string, value: number): BaseConfig {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let holder = copy;
  for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  holder[keys[keys.length - 1] as string] = value;
  return copy as unknown as BaseConfig;
}

function overridesBetween(spec: WorkloadShrinkSpec, before: BaseConfig, after: BaseConfig): string[] {
  const paths = [...new Set(['durationMicros', 'faults.endMicros', ...(spec.tailPaths ?? []), ...(spec.workloadEndPath !== undefined ? [spec.workloadEndPath] : []), ...(spec.counts ?? []).map((count) => count.path)])];
  return paths.filter((path) => numberAt(before, path) !== numberAt(after, path)).map((path) => `${path}=${numberAt(after, path)}`);
}

// What a scenario is: a named, declarative configuration (cluster, network, disk, workload, faults,
// duration, properties) plus a `setup` that builds the cluster from sim/ and models/ and returns the
// checks to run on the history and final state once the simulation is over.
import type { DiskConfig } from '../sim/disk.js';
import type { FaultProfile, FaultSchedule } from '../sim/faults.js';
import type { NetworkConfig } from '../sim/network.js';
import type { RunStop, Simulation } from '../sim/simulation.js';
import type { Random } from '../sim/random.js';
import type { Micros } from '../sim/time.js';
import type { Violation } from '../properties/violation.js';

export interface BaseConfig {
  /** Total simulated time; faults end (healAll) at `faults.endMicros`, the rest is the quiet period. */
  durationMicros: Micros;
  /** Executed-event budget: a run that needs more is reported as a liveness failure. */
  eventsMax: number;
  /** Upper bound on events queued at once (timers + messages in flight + fsyncs). */
  pendingEventsMax: number;
  network: NetworkConfig;
  disk: DiskConfig;
  faults: FaultProfile;
  /** A fixed fault schedule written in the scenario; when set, it replaces the per-seed generated one. */
  schedule: FaultSchedule | null;
  /**
   * Swarm testing of the design itself: with it on, each seed draws the scenario's design and workload
   * options (`ScenarioDefinition.drawOptions`) on top of this config. Only scenarios that draw options
   * have the field; `--set swarmOptions=false` runs every seed with the config as given.
   */
  swarmOptions?: boolean;
}

export interface PropertyInfo {
  name: string;
  description: string;
}

export interface SetupContext {
  bugs: ReadonlySet<string>;
  schedule: FaultSchedule;
}

export interface ScenarioRun {
  /** Judges the finished run. Pure: reads history, final state and trace, changes nothing. */
  check(stop: RunStop): Violation[];
  /** A few figures for the report (acknowledged appends, elections…). */
  summary?(): Record<string, number | string>;
  /**
   * Figures measured in this run that `explore` aggregates over its seeds (how many seeds had a
   * non-zero value, the largest, the mean), e.g. the events a write-behind design lost to a crash.
   */
  metrics?(): Record<string, number>;
}

export interface ScenarioDefinition<C extends BaseConfig = BaseConfig> {
  name: string;
  description: string;
  /** The model under test, whose planted bugs `--bug` may switch on. */
  model: string;
  bugs: Readonly<Record<string, string>>;
  properties: readonly PropertyInfo[];
  /** Coverage goals: paths the model must reach *sometimes* across an exploration (`NodeContext.cover`). */
  coverage?: readonly PropertyInfo[];
  defaults: C;
  /** The server node ids of a resolved config (faults target these). */
  nodes(config: C): string[];
  clients(config: C): string[];
  /** The nodes a generated fault schedule may target (default: every server node), e.g. one replica only. */
  faultNodes?(config: C): string[];
  /**
   * Per-seed option draw (swarm testing of features, not only of faults): `path=value` assignments,
   * applied like `--set` to a copy of the config before the run is built. Deterministic in `random` (the
   * seed's own `options` stream) and independent of the values it assigns, so a replay — which records
   * the config before the draw — draws the same. Used only when the config has `swarmOptions: true`.
   */
  drawOptions?(config: C, random: Random): string[];
  /** Throws InputError with a one-line message when a resolved config is unusable. */
  validate?(config: C): void;
  /**
   * The workload's shrinkable dimensions: what a failing run's workload shrinker may make smaller
   * (scenarios/shrink-workload.ts). Without it only the run's length is shortened.
   */
  workloadShrink?: WorkloadShrinkSpec;
  setup(simulation: Simulation, config: C, context: SetupContext): ScenarioRun;
}

/** A count the workload shrinker may lower: clients, streams, customers… */
export interface WorkloadCount {
  /** Its name in reports: `clients 4 → 1`. */
  name: string;
  /** Dotted path of an integer in the config, e.g. `workload.clientCount`. */
  path: string;
  /** The smallest value worth trying (at least 0; the scenario's `validate` may demand more). */
  min: number;
}

/**
 * How a scenario's workload can be made smaller while a failure is kept. Times are config paths in
 * simulated microseconds; `durationMicros`, `faults.endMicros` and the schedule's final healAll always
 * take part in shortening the run and need not be listed.
 */
export interface WorkloadShrinkSpec {
  /** Counts to lower, tried in this order (the first is usually the client count). */
  counts?: readonly WorkloadCount[];
  /** When clients stop starting operations: brought forward, the run has fewer operations. */
  workloadEndPath?: string;
  /**
   * Config times that mark the quiet period after the faults (the workload's end, when progress is
   * judged from…): when the run is shortened they move with the final heal, keeping their order.
   */
  tailPaths?: readonly string[];
  /**
   * The shortest quiet period (final heal to the run's end) the checks stay meaningful with — replicas
   * need time to converge before "every node holds every acknowledged event" is fair to ask. Without
   * it the quiet period is not shortened (it still moves, whole, when the fault phase is cut).
   */
  quietMicrosMin?: number;
  /** Granularity of time cuts (default 10 ms). */
  timeStepMicros?: number;
}

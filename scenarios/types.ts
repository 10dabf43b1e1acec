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
  setup(simulation: Simulation, config: C, context: SetupContext): ScenarioRun;
}

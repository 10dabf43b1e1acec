// Messages between `faultline explore` and its worker threads.
import type { FaultSchedule } from '../sim/faults.js';
import type { TraceEntry } from '../sim/simulation.js';
import type { Verdict } from '../scenarios/runner.js';
import type { BaseConfig } from '../scenarios/types.js';

export type WorkerRequest =
  /** `scenarioModule`: the path of a user's scenario module, loaded by the worker (absent: built in). */
  | { type: 'init'; scenario: string; scenarioModule?: string; config: BaseConfig; bugs: string[]; keepTrace?: boolean }
  | { type: 'run'; seeds: number[] };

/** One seed's verdict and figures, compact enough to post from a worker for every seed. */
export type SeedOutcome = Verdict & {
  seed: number;
  traceHash: string;
  events: number;
  simulatedMicros: number;
  /** Coverage goals this seed reached (names only: explore counts seeds, not hits). */
  covered?: string[];
  /** The scenario's per-run figures (`ScenarioRun.metrics`), when it measures any. */
  metrics?: Record<string, number>;
  /** Only for failures: what the replay file needs. */
  schedule: FaultSchedule | null;
  /** The full trace, only when asked for (`keepTrace`: locating a determinism failure). */
  trace?: TraceEntry[];
};

export interface WorkerReply {
  type: 'results';
  outcomes: SeedOutcome[];
}

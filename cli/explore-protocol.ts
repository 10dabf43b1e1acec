// Messages between `faultline explore` and its worker threads.
import type { FaultSchedule } from '../sim/faults.js';
import type { Verdict } from '../scenarios/runner.js';
import type { BaseConfig } from '../scenarios/types.js';

export type WorkerRequest =
  | { type: 'init'; scenario: string; config: BaseConfig; bugs: string[] }
  | { type: 'run'; seeds: number[] };

/** One seed's verdict and figures, compact enough to post from a worker for every seed. */
export type SeedOutcome = Verdict & {
  seed: number;
  traceHash: string;
  events: number;
  simulatedMicros: number;
  /** Coverage goals this seed reached (names only: explore counts seeds, not hits). */
  covered: string[];
  /** Only for failures: what the replay file needs. */
  schedule: FaultSchedule | null;
};

export interface WorkerReply {
  type: 'results';
  outcomes: SeedOutcome[];
}

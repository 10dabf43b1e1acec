// Messages between `faultline explore` and its worker threads.
import type { FaultSchedule } from '../sim/faults.js';
import type { BaseConfig, Violation } from '../scenarios/types.js';

export type WorkerRequest =
  | { type: 'init'; scenario: string; config: BaseConfig; bugs: string[] }
  | { type: 'run'; seeds: number[] };

export interface SeedOutcome {
  seed: number;
  ok: boolean;
  kind: string;
  violations: Violation[];
  traceHash: string;
  events: number;
  simulatedMicros: number;
  /** Only for failures: what the replay file needs. */
  schedule: FaultSchedule | null;
}

export interface WorkerReply {
  type: 'results';
  outcomes: SeedOutcome[];
}

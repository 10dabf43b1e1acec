// Shrinking a failing run as a whole: its fault schedule first (shrink.ts), then its workload
// (shrink-workload.ts) on that schedule, then the schedule once more when the workload changed (with
// fewer clients or a shorter run, a fault that mattered before may no longer). The result is plain
// data — a schedule and a config — that replays on the same seed to the same trace hash.
import type { FaultSchedule } from '../sim/faults.js';
import type { RunRequest, RunResult } from './runner.js';
import { shrinkSchedule } from './shrink.js';
import { shrinkWorkload, sizesOf, type WorkloadShrinkResult } from './shrink-workload.js';
import type { BaseConfig } from './types.js';

/** Trial runs of the second schedule pass (the schedule is already small by then). */
const SECOND_PASS_RUNS_MAX = 100;

export interface FailureShrinkOptions {
  /** Trial runs of the first schedule pass (default shrink.ts's). */
  scheduleRunsMax?: number;
  /** Shrink the workload too (default true). */
  workload?: boolean;
  /** The workload shrinker's attempt budget (default WORKLOAD_ATTEMPTS_DEFAULT). */
  workloadAttemptsMax?: number;
  /** Hears progress: which phase, trial runs so far in it, and a few words on where it stands. */
  onProgress?: (phase: 'schedule' | 'workload', runs: number, status: string) => void;
}

export interface FailureShrink {
  schedule: FaultSchedule;
  /** The config of the smallest failing run (the request's own when the workload was not shrunk). */
  config: BaseConfig;
  /** The run of the shrunk schedule and config. */
  result: RunResult;
  /** Trial runs spent on the schedule, both passes. */
  runs: number;
  /** What the workload shrinker did, or null when it did not run. */
  workload: WorkloadShrinkResult | null;
}

export function shrinkFailure(request: RunRequest, failing: RunResult, property: string, options: FailureShrinkOptions = {}): FailureShrink {
  const faultsAtStart = failing.schedule.filter((timed) => timed.fault.kind !== 'healAll').length;
  const first = shrinkSchedule({ ...request, schedule: failing.schedule }, property, options.scheduleRunsMax, (runs, faultsLeft) => {
    options.onProgress?.('schedule', runs, `${faultsLeft} of ${faultsAtStart} faults left`);
  });
  const failsProperty = first.result.violations.some((each) => each.property === property && each.kind !== 'inconclusive');
  if (options.workload === false || !failsProperty) return { schedule: first.schedule, config: request.config, result: first.result, runs: first.runs, workload: null };
  const workload = shrinkWorkload({ ...request, schedule: first.schedule }, first.result, property, {
    ...(options.workloadAttemptsMax !== undefined ? { attemptsMax: options.workloadAttemptsMax } : {}),
    onProgress: (attempts, sizes) => options.onProgress?.('workload', attempts, `${sizes.operations} operations, ${sizes.durationMicros}µs`),
  });
  // "Before" is the run as it was run (its operations), not the schedule-shrunk run the search began from.
  const spec = request.scenario.workloadShrink ?? {};
  const before = sizesOf(spec, request.config, failing);
  const changed = workload.overrides.length > 0 || workload.faultsDropped > 0;
  const removable = workload.schedule.some((timed) => timed.fault.kind !== 'healAll');
  if (!changed || !removable) return { schedule: workload.schedule, config: workload.config, result: workload.result, runs: first.runs, workload: { ...workload, before } };
  const second = shrinkSchedule({ ...request, config: workload.config, schedule: workload.schedule }, property, SECOND_PASS_RUNS_MAX);
  const after = sizesOf(spec, workload.config, second.result);
  return { schedule: second.schedule, config: workload.config, result: second.result, runs: first.runs + second.runs, workload: { ...workload, before, after } };
}

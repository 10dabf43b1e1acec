// Shrinking a failing run's fault schedule to a minimal one that still violates the same property.
// Because every component draws from its own named random stream, removing faults leaves the
// workload's and the network's draws where they were, so most removals keep the failure.
// Strategy (delta debugging, bounded): drop chunks of halving size, then single faults, keeping any
// removal after which the same property still fails; the final healAll is never removed.
import type { FaultSchedule } from '../sim/faults.js';
import { runScenario, type RunRequest, type RunResult } from './runner.js';

export interface ShrinkResult {
  schedule: FaultSchedule;
  result: RunResult;
  runs: number;
  removed: number;
}

/** `onProgress` hears after every trial run: runs so far and the faults left in the smallest failing schedule. */
export function shrinkSchedule(request: RunRequest & { schedule: FaultSchedule }, property: string, runsMax = 300, onProgress?: (runs: number, faultsLeft: number) => void): ShrinkResult {
  let current = request.schedule;
  let best: RunResult | null = null;
  let runs = 0;
  const stillFails = (candidate: FaultSchedule): RunResult | null => {
    runs++;
    const result = runScenario({ ...request, schedule: candidate });
    return result.violations.some((violation) => violation.property === property && violation.kind !== 'inconclusive') ? result : null;
  };
  const removable = (schedule: FaultSchedule): number[] => schedule.flatMap((timed, index) => (timed.fault.kind === 'healAll' ? [] : [index]));
  let chunk = Math.max(1, Math.ceil(removable(current).length / 2));
  while (runs < runsMax) {
    let progress = false;
    let start = 0;
    while (runs < runsMax) {
      const indexes = removable(current);
      if (start >= indexes.length) break;
      const drop = new Set(indexes.slice(start, start + chunk));
      const candidate = current.filter((_, index) => !drop.has(index));
      const result = stillFails(candidate);
      onProgress?.(runs, (result === null ? current : candidate).filter((timed) => timed.fault.kind !== 'healAll').length);
      if (result === null) {
        start += chunk;
        continue;
      }
      current = candidate;
      best = result;
      progress = true;
    }
    if (chunk > 1) chunk = Math.max(1, Math.floor(chunk / 2));
    else if (!progress) break; // a fixpoint: no single fault can go
  }
  if (best === null) best = runScenario({ ...request, schedule: current });
  return { schedule: current, result: best, runs, removed: request.schedule.length - current.length };
}

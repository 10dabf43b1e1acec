// Runs a list of seeds on K worker threads. Seeds are handed out in small batches as workers free
// up; results are collected by seed, so the outcome set is the same for any K. With `stopOnFirst`,
// no seed above the lowest failure found so far is handed out, and every seed below it still runs:
// the reported first failure is the lowest failing seed, whatever K is.
import { Worker } from 'node:worker_threads';
import type { BaseConfig } from '../scenarios/types.js';
import type { SeedOutcome, WorkerReply, WorkerRequest } from './explore-protocol.js';
import { simulationThreadLimits } from './thread-limits.js';

export interface PoolRequest {
  scenario: string;
  /** The path of a user's scenario module that each worker loads (absent for a built-in scenario). */
  scenarioModule?: string;
  config: BaseConfig;
  bugs: string[];
  seeds: number[];
  workers: number;
  stopOnFirst: boolean;
  /** Workers send each seed's full trace back (for `run --check-determinism` to locate a divergence). */
  keepTrace?: boolean;
  /** A `performance.now()` time after which no more seeds are handed out (`explore --time`). */
  deadlineMs?: number;
  onOutcome?: (outcome: SeedOutcome) => void;
  /** Seeds per batch at most (default 8); a live view asks for small batches so progress moves seed by seed. */
  batchSizeMax?: number;
  /** Once `aborted` is true no further seed is handed out; the seeds already running finish and are returned. */
  stop?: { aborted: boolean };
}

/** The compiled worker, also when this module is loaded from source (tests run on dist/). */
export function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('../dist/cli/explore-worker.js', here);
  return new URL('./explore-worker.js', here);
}

export async function runSeedsOnWorkers(request: PoolRequest): Promise<SeedOutcome[]> {
  const outcomes: SeedOutcome[] = [];
  // With a deadline, one seed at a time: seeds handed out just before it would otherwise overrun it.
  const batchSize = request.deadlineMs !== undefined ? 1 : Math.max(1, Math.min(request.batchSizeMax ?? 8, Math.floor(request.seeds.length / (request.workers * 8))));
  let nextIndex = 0;
  let lowestFailure = Number.POSITIVE_INFINITY;
  const workerCount = Math.max(1, Math.min(request.workers, request.seeds.length));
  const takeBatch = (): number[] => {
    const batch: number[] = [];
    if (request.deadlineMs !== undefined && performance.now() >= request.deadlineMs) nextIndex = request.seeds.length;
    while (batch.length < batchSize && nextIndex < request.seeds.length && request.stop?.aborted !== true) {
      const seed = request.seeds[nextIndex] as number;
      if (request.stopOnFirst && seed > lowestFailure) {
        nextIndex = request.seeds.length;
        break;
      }
      batch.push(seed);
      nextIndex++;
    }
    return batch;
  };
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerUrl(), { resourceLimits: simulationThreadLimits });
      const send = (message: WorkerRequest): void => worker.postMessage(message);
      let finished = false;
      const dispatch = (): void => {
        const batch = takeBatch();
        if (batch.length === 0) {
          finished = true;
          void worker.terminate().then(() => resolve());
          return;
        }
        send({ type: 'run', seeds: batch });
      };
      worker.on('message', (reply: WorkerReply) => {
        for (const outcome of reply.outcomes) {
          outcomes.push(outcome);
          if (outcome.outcome === 'fail') lowestFailure = Math.min(lowestFailure, outcome.seed);
          request.onOutcome?.(outcome);
        }
        dispatch();
      });
      worker.on('error', reject);
      // A worker that ends without an error (its module failed to load, it was killed) must not leave
      // the pool waiting for a reply that never comes.
      worker.on('exit', (code) => finished || reject(new Error(`an explore worker exited (code ${code}) before its seeds were done`)));
      send({ type: 'init', scenario: request.scenario, ...(request.scenarioModule !== undefined ? { scenarioModule: request.scenarioModule } : {}), config: request.config, bugs: request.bugs, ...(request.keepTrace === true ? { keepTrace: true } : {}) });
      dispatch();
    });
  await Promise.all(Array.from({ length: workerCount }, one));
  outcomes.sort((a, b) => a.seed - b.seed);
  if (!request.stopOnFirst) return outcomes;
  return outcomes.filter((outcome) => outcome.seed <= lowestFailure);
}

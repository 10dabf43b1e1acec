// A worker thread of `faultline explore`: runs the seeds it is handed and posts back compact results.
// It shares nothing with the main thread but messages, so a seed's result cannot depend on which
// worker ran it or on how many workers there are.
import { parentPort } from 'node:worker_threads';
import { findScenario } from '../scenarios/registry.js';
import { runScenario, verdictOf } from '../scenarios/runner.js';
import type { BaseConfig } from '../scenarios/types.js';
import type { SeedOutcome, WorkerRequest } from './explore-protocol.js';

const port = parentPort;
if (port === null) throw new Error('explore-worker must run in a worker thread');

let job: { scenario: string; config: BaseConfig; bugs: string[] } | null = null;

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'init') {
    job = { scenario: request.scenario, config: request.config, bugs: request.bugs };
    return;
  }
  if (job === null) throw new Error('explore-worker: run before init');
  const scenario = findScenario(job.scenario);
  const outcomes: SeedOutcome[] = [];
  for (const seed of request.seeds) {
    const result = runScenario({ scenario, seed, config: job.config, bugs: job.bugs });
    outcomes.push({
      ...verdictOf(result.violations),
      seed,
      traceHash: result.traceHash,
      events: result.events,
      simulatedMicros: result.simulatedMicros,
      covered: Object.keys(result.coverage),
      schedule: result.outcome === 'pass' ? null : result.schedule,
    });
  }
  port.postMessage({ type: 'results', outcomes });
});

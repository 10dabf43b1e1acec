// A worker thread of `faultline explore`: runs the seeds it is handed and posts back compact results.
// It shares nothing with the main thread but messages, so a seed's result cannot depend on which
// worker ran it or on how many workers there are.
import { parentPort } from 'node:worker_threads';
import { loadScenarioModule } from './api/scenario-module.js';
import { findScenario } from '../scenarios/registry.js';
import { runScenario, verdictOf } from '../scenarios/runner.js';
import type { BaseConfig, ScenarioDefinition } from '../scenarios/types.js';
import type { SeedOutcome, WorkerRequest } from './explore-protocol.js';

const port = parentPort;
if (port === null) throw new Error('explore-worker must run in a worker thread');

let job: { scenario: Promise<ScenarioDefinition<any>>; config: BaseConfig; bugs: string[]; keepTrace: boolean } | null = null;

port.on('message', async (request: WorkerRequest) => {
  if (request.type === 'init') {
    // A user's scenario module is imported here too; the main thread has already checked it loads.
    const scenario = request.scenarioModule !== undefined ? loadScenarioModule(request.scenarioModule).then((loaded) => loaded.scenario) : Promise.resolve(findScenario(request.scenario));
    job = { scenario, config: request.config, bugs: request.bugs, keepTrace: request.keepTrace === true };
    return;
  }
  if (job === null) throw new Error('explore-worker: run before init');
  const scenario = await job.scenario;
  const outcomes: SeedOutcome[] = [];
  for (const seed of request.seeds) {
    const result = runScenario({ scenario, seed, config: job.config, bugs: job.bugs, keepTrace: job.keepTrace });
    outcomes.push({
      ...verdictOf(result.violations),
      seed,
      traceHash: result.traceHash,
      events: result.events,
      simulatedMicros: result.simulatedMicros,
      covered: Object.keys(result.coverage),
      ...(Object.keys(result.metrics).length > 0 ? { metrics: result.metrics } : {}),
      schedule: result.outcome === 'pass' ? null : result.schedule,
      ...(result.trace !== null ? { trace: result.trace } : {}),
    });
  }
  port.postMessage({ type: 'results', outcomes });
});

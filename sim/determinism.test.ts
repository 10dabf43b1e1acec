// Proves determinism, the product: the same scenario and seed give the same trace hash twice in one
// process, in a child process (the real CLI) and in a worker thread; different seeds give different
// hashes; and a fault schedule survives a msgpackr round trip unchanged.
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Packr } from 'msgpackr';
import { findScenario, scenarios } from '../scenarios/registry.js';
import { resolveConfig, runScenario, scheduleFor } from '../scenarios/runner.js';
import type { FaultSchedule } from './faults.js';

const SCENARIO = 'demo-counter';
const SEED = 7;

function hashInProcess(name: string, seed: number): string {
  const scenario = findScenario(name);
  return runScenario({ scenario, seed, config: resolveConfig(scenario, []), bugs: [] }).traceHash;
}

function hashInWorker(name: string, seed: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../dist/cli/explore-worker.js', import.meta.url));
    const scenario = findScenario(name);
    worker.on('message', (reply: { outcomes: { traceHash: string }[] }) => {
      void worker.terminate();
      resolve(reply.outcomes[0]?.traceHash ?? '');
    });
    worker.on('error', reject);
    worker.postMessage({ type: 'init', scenario: name, config: resolveConfig(scenario, []), bugs: [] });
    worker.postMessage({ type: 'run', seeds: [seed] });
  });
}

describe('determinism', () => {
  it('same seed, same hash: in process, in a child process, in a worker thread', async () => {
    const first = hashInProcess(SCENARIO, SEED);
    expect(hashInProcess(SCENARIO, SEED)).toBe(first);
    const child = JSON.parse(execFileSync(process.execPath, ['bin/faultline.js', 'run', SCENARIO, '--seed', String(SEED), '--json']).toString()) as { traceHash: string };
    expect(child.traceHash).toBe(first);
    expect(await hashInWorker(SCENARIO, SEED)).toBe(first);
  });

  it('every registered scenario is deterministic across two runs', () => {
    for (const scenario of scenarios) {
      const config = resolveConfig(scenario, []);
      const a = runScenario({ scenario, seed: 3, config, bugs: [] });
      const b = runScenario({ scenario, seed: 3, config, bugs: [] });
      expect(b.traceHash, scenario.name).toBe(a.traceHash);
      expect(b.events, scenario.name).toBe(a.events);
    }
  });

  it('different seeds give different hashes', () => {
    const hashes = new Set([1, 2, 3, 4, 5, 6].map((seed) => hashInProcess(SCENARIO, seed)));
    expect(hashes.size).toBe(6);
  });

  it('fault schedules round-trip through msgpackr unchanged', () => {
    const scenario = findScenario(SCENARIO);
    const packr = new Packr({ useRecords: false, mapsAsObjects: true });
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), (seed) => {
        const schedule: FaultSchedule = scheduleFor(scenario, resolveConfig(scenario, ['faults.swarm=true']), seed);
        expect(packr.unpack(packr.pack(schedule))).toEqual(schedule);
      }),
      { numRuns: 50 },
    );
  });
});

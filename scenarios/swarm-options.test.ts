// Proves that swarm scenarios draw design options per seed deterministically (same seed, same options
// and trace hash; different seeds, different options), that a run records the config before the draw so
// a replay draws the same again, that `swarmOptions=false` runs the config as given, that the draws keep
// the rules which make the correct designs safe by construction, and that the generic swarm scenarios of
// the log store and the counter find every planted bug of their model (first failing seeds pinned).
import { describe, expect, it } from 'vitest';
import { counterSwarm } from './counter-swarm.js';
import { logStoreSwarm } from './logstore-swarm.js';
import { configForSeed, drawnOptionPaths } from './options.js';
import { findScenario } from './registry.js';
import { resolveConfig, runScenario, scheduleFor, type RunResult } from './runner.js';
import type { ScenarioDefinition } from './types.js';

function run(scenario: ScenarioDefinition<any>, seed: number, bugs: string[] = [], sets: string[] = []): RunResult {
  return runScenario({ scenario, seed, config: resolveConfig(scenario, sets), bugs });
}

const properties = (result: RunResult): string[] => [...new Set(result.violations.map((each) => each.property))];

describe('per-seed option draws', () => {
  it('name the paths they set (what faultline list shows); a scenario that draws nothing names none', () => {
    const readModelSwarm = findScenario('readmodel-swarm');
    expect(drawnOptionPaths(readModelSwarm, resolveConfig(readModelSwarm, []))).toEqual(['readmodel.persistence', 'readmodel.projection', 'readmodel.cache']);
    expect(drawnOptionPaths(readModelSwarm, resolveConfig(readModelSwarm, ['swarmOptions=false']))).toEqual([]);
    const crash = findScenario('readmodel-crash');
    expect(drawnOptionPaths(crash, resolveConfig(crash, []))).toEqual([]);
  });

  it('are a function of the seed: the same seed draws the same options and trace hash, seeds differ', () => {
    const first = run(logStoreSwarm, 5);
    const again = run(logStoreSwarm, 5);
    expect(first.options.length).toBeGreaterThan(0);
    expect(again.options).toEqual(first.options);
    expect(again.traceHash).toBe(first.traceHash);
    const config = resolveConfig(logStoreSwarm, []);
    const draws = new Set(Array.from({ length: 20 }, (_, seed) => configForSeed(logStoreSwarm, config, seed).options.join(' ')));
    expect(draws.size).toBeGreaterThan(5);
  });

  it('leave the recorded config as resolved, so running it again (a replay) draws the same options', () => {
    const result = run(findScenario('swarm'), 7);
    expect(result.config).toEqual(resolveConfig(findScenario('swarm'), []));
    const replayed = runScenario({ scenario: findScenario('swarm'), seed: 7, config: result.config, bugs: [], schedule: result.schedule });
    expect(replayed.options).toEqual(result.options);
    expect(replayed.traceHash).toBe(result.traceHash);
  });

  it('change what runs: the drawn options reach the model (its summary) and the fault profile', () => {
    const config = resolveConfig(logStoreSwarm, []);
    const group = Array.from({ length: 40 }, (_, seed) => seed).find((seed) => configForSeed(logStoreSwarm, config, seed).options.includes('logstore.durability=group'));
    expect(group).toBeDefined();
    expect(run(logStoreSwarm, group as number).summary['durability']).toBe('group');
    // The power-loss regime draws no lying fsync, so its schedule holds none.
    const power = Array.from({ length: 40 }, (_, seed) => seed).filter((seed) => configForSeed(logStoreSwarm, config, seed).options.includes('faults.kinds.lieFsync.eventsMax=0'));
    expect(power.length).toBeGreaterThan(5);
    for (const seed of power) expect(scheduleFor(logStoreSwarm, config, seed).some((timed) => timed.fault.kind === 'lieFsync')).toBe(false);
  });

  it('are off with --set swarmOptions=false: the seed runs the config as given', () => {
    const result = run(logStoreSwarm, 5, [], ['swarmOptions=false']);
    expect(result.options).toEqual([]);
    expect(result.summary['durability']).toBe('fsync');
    // Scenarios that draw nothing have no switch to set.
    expect(() => resolveConfig(findScenario('logstore-crash'), ['swarmOptions=true'])).toThrow(/--set swarmOptions: no such field/);
  });

  it('keep the correct designs safe by construction across 300 seeds', () => {
    const swarm = findScenario('swarm');
    const replication = resolveConfig(swarm, []);
    let leaseSeeds = 0;
    for (let seed = 0; seed < 300; seed++) {
      const drawn = configForSeed(swarm, replication, seed).config as typeof replication & { replication: { leases: boolean; leaseDriftBoundPpm: number; readPerMille: number; streamCount: number } };
      if (drawn.replication.leases) {
        leaseSeeds++;
        // A correct lease holds for drift within its bound: the seed's drift faults never exceed it.
        expect(drawn.faults.kinds.drift?.magnitudeMax, `seed ${seed}`).toBeLessThanOrEqual(drawn.replication.leaseDriftBoundPpm);
      }
      // A focused seed turns the per-kind coin off and keeps only its design's fault family.
      if (!drawn.faults.swarm) expect(drawn.faults.kinds.bitFlip?.eventsMax, `seed ${seed}`).toBe(0);
      // One stream only with a read-heavy mix (else the linearizability checker runs out of budget).
      if (drawn.replication.streamCount === 1) expect(drawn.replication.readPerMille, `seed ${seed}`).toBe(900);
      const store = configForSeed(logStoreSwarm, resolveConfig(logStoreSwarm, []), seed).config;
      // Never a lying fsync and a power loss in one log store seed.
      expect((store.faults.kinds.lieFsync?.eventsMax ?? 0) === 0 || (store.faults.kinds.powerLoss?.eventsMax ?? 0) === 0, `seed ${seed}`).toBe(true);
    }
    expect(leaseSeeds).toBeGreaterThan(100);
    expect(leaseSeeds).toBeLessThan(200);
  });

  it('a draw the scenario cannot use is refused in one line naming the seed', () => {
    const broken: ScenarioDefinition<any> = { ...counterSwarm, drawOptions: () => ['counter.intervalMicros=0'] };
    expect(() => configForSeed(broken, resolveConfig(counterSwarm, []), 3)).toThrow('scenario counter-swarm, seed 3: a drawn option is unusable: counter.intervalMicros must be an integer in [1, 9007199254740991] (got 0)');
  });
});

// Each planted bug's first failing seed from 1 (`faultline explore S --bug B --stop-on-first`) with the
// property that caught it; the correct design passes the same seed.
describe('logstore-swarm finds every planted bug of the log store', () => {
  const pins: [bug: string, seed: number, property: string][] = [
    ['ack-before-fsync', 4, 'acked-appends-durable'],
    ['no-torn-tail-truncation', 4, 'acked-appends-durable'],
    ['skip-checksum', 2, 'acked-appends-durable'],
    ['dedup-in-memory-only', 10, 'acked-appends-durable'],
    ['highest-seq-resets-on-delete', 1, 'stream-versions-contiguous'],
    ['expected-version-checks-committed', 1, 'expected-version-honoured'],
    ['global-seq-as-stream-version', 1, 'stream-versions-contiguous'],
  ];
  for (const [bug, seed, property] of pins) {
    it(`${bug}: ${property} (first failing seed from 1: ${seed})`, () => {
      expect(properties(run(logStoreSwarm, seed, [bug]))).toContain(property);
      expect(run(logStoreSwarm, seed).outcome).toBe('pass');
    });
  }
  it('every bug of the model is pinned', () => {
    expect(pins.map(([bug]) => bug).sort()).toEqual(Object.keys(logStoreSwarm.bugs).sort());
  });
});

describe('counter-swarm finds every planted bug of the counter', () => {
  const pins: [bug: string, seed: number, property: string][] = [
    ['ack-before-fsync', 13, 'acked-increments-durable'],
    ['mute-after-restart', 1, 'responds-after-heal'],
  ];
  for (const [bug, seed, property] of pins) {
    it(`${bug}: ${property} (first failing seed from 1: ${seed})`, () => {
      expect(properties(run(counterSwarm, seed, [bug]))).toContain(property);
      expect(run(counterSwarm, seed).outcome).toBe('pass');
    });
  }
  it('every bug of the model is pinned', () => {
    expect(pins.map(([bug]) => bug).sort()).toEqual(Object.keys(counterSwarm.bugs).sort());
  });
});

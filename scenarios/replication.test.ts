// Proves, on the real simulated cluster, that the replication properties can fail and do: the seed's
// `async` design loses an acknowledged event, `naive-quorum` splits its brain, every planted bug in
// `quorum` is caught by the property named here, leases break under drift beyond their bound — and that
// the correct `quorum` design passes a sample of seeds of every scenario. Searches stop at the first
// failing seed; where that seed is large it is pinned (with the property asserted) to keep this fast.
import { describe, expect, it } from 'vitest';
import { findScenario } from './registry.js';
import { resolveConfig, runScenario, scheduleFor, type RunResult } from './runner.js';
import { replicationFigure8 } from './replication-figure8.js';
import { replicationScenarios } from './replication.js';

function scenario(name: string) {
  const found = [...replicationScenarios, replicationFigure8].find((each) => each.name === name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

function run(name: string, seed: number, bugs: string[] = [], sets: string[] = []): RunResult {
  const definition = scenario(name);
  return runScenario({ scenario: definition, seed, config: resolveConfig(definition, sets), bugs });
}

/** The first failing seed in [from, to), or null. */
function firstFailure(name: string, from: number, to: number, bugs: string[] = [], sets: string[] = []): RunResult | null {
  for (let seed = from; seed < to; seed++) {
    const result = run(name, seed, bugs, sets);
    if (result.outcome !== 'pass') return result;
  }
  return null;
}

const properties = (result: RunResult | null): string[] => [...new Set(result?.violations.map((each) => each.property) ?? [])];

// Three seeds per scenario here; the 1,000-seed sweeps are `faultline explore` runs (BENCHMARKS.md).
describe('quorum (the correct design)', () => {
  for (const name of ['partition-primary', 'partition-bridge', 'crash-restart', 'clock-skew', 'disk-faults', 'swarm', 'figure-8']) {
    it(`passes seeds 0, 1 and 2 of ${name}`, () => {
      for (const seed of [0, 1, 2]) {
        const result = run(name, seed);
        expect(result.violations, `seed ${seed}`).toEqual([]);
        expect(Number(result.summary['ackedAppends']), `seed ${seed}`).toBeGreaterThan(100);
      }
    });
  }
});

// Seeds below were found by searching upward from 0 (stop at the first failure); each test pins it and
// asserts the property, and where cheap also that the correct design passes the same seed.
describe('the seed’s designs fail as they should', () => {
  it('async loses an acknowledged event in partition-primary (first failing seed: 0)', () => {
    const failure = firstFailure('partition-primary', 0, 100, [], ['replication.design=async']);
    expect(failure?.seed).toBe(0);
    expect(properties(failure)).toContain('no-acked-event-lost');
    expect(failure?.violations.find((each) => each.property === 'no-acked-event-lost')?.message).toMatch(/^event c\d+-\d+ \(stream s\d\), acknowledged to client c\d+ by n\d at .* at position \d+, (is missing from|sits at|appears)/);
  });

  it('naive-quorum diverges under a bridge (partition-bridge, first failing seed: 5)', () => {
    const result = run('partition-bridge', 5, [], ['replication.design=naive-quorum']);
    expect(properties(result)).toContain('no-divergence');
    expect(properties(result)).toContain('no-acked-event-lost');
    expect(run('partition-bridge', 5).outcome).toBe('pass');
  });
});

describe('planted bugs in quorum are caught', () => {
  it('vote-twice-per-term: one-primary-per-term (partition-primary, first failing seed: 24)', () => {
    const result = run('partition-primary', 24, ['vote-twice-per-term']);
    expect(properties(result)).toEqual(['one-primary-per-term']);
    expect(result.violations[0]?.message).toMatch(/^term \d+ had two primaries: n\d from .* and n\d from /);
  });

  it('ack-before-majority: a read misses an acknowledged append (partition-primary, first failing seed: 0)', () => {
    const failure = firstFailure('partition-primary', 0, 1000, ['ack-before-majority']);
    expect(failure?.seed).toBe(0);
    expect(properties(failure)).toContain('linearizable-reads');
  });

  it('no-truncate-divergent-suffix: no-divergence (partition-primary, first failing seed: 0)', () => {
    const result = run('partition-primary', 0, ['no-truncate-divergent-suffix']);
    expect(properties(result)).toContain('no-divergence');
    expect(run('partition-primary', 0).outcome).toBe('pass');
  });

  it('lease-ignores-drift: a stale lease read with drift inside the bound (clock-skew, first failing seed: 63)', () => {
    const result = run('clock-skew', 63, ['lease-ignores-drift']);
    expect(properties(result)).toContain('linearizable-reads');
    expect(result.violations[0]?.message).toMatch(/^stale read: client c\d+ read stream s1 from n\d/);
    expect(run('clock-skew', 63).outcome).toBe('pass');
  });

  // The figure-8 interleaving needs three elections in a precise order (an old-term entry committed by
  // counting, then overwritten by a node with a later last term); the figure-8 scenario's rotating
  // partitions drive it (12 of seeds 0..999 fail: 27, 136, 192, 248, …); the correct design passes seeds 0..999.
  it('commit-previous-term-entry: a committed entry is overwritten (figure-8, first failing seed: 27)', () => {
    const result = run('figure-8', 27, ['commit-previous-term-entry']);
    expect(result.outcome).toBe('fail');
    expect(properties(result)).toContain('no-divergence');
    expect(result.violations.find((each) => each.property === 'no-divergence')?.message).toMatch(/^index \d+ was committed as .* by n\d at .* and as .* by n\d at /);
    expect(run('figure-8', 27).outcome).toBe('pass');
  });
});

// Without the hand-built figure-8 schedule: the generic swarm scenario, whose profile draws faults aimed
// at the primary just after an election, finds the figure-8 interleaving. Seeds 1..126 pass with the bug
// (`faultline explore swarm --bug commit-previous-term-entry --stop-on-first` stops at 127); the seed is
// pinned here to keep the suite fast, and the correct design passes it.
describe('figure 8 found by a generic scenario', () => {
  it('commit-previous-term-entry: no-divergence in swarm (first failing seed from 1: 127)', () => {
    const result = run('swarm', 127, ['commit-previous-term-entry']);
    expect(properties(result)).toContain('no-divergence');
    expect(result.schedule.some((timed) => timed.fault.kind === 'targeted')).toBe(true);
    expect(run('swarm', 127).outcome).toBe('pass');
  });
});

// Every planted bug of the replication model is found by the generic swarm scenario, which draws its
// design options per seed (`swarmOptions`); each first failing seed from 1 (`explore swarm --bug B
// --stop-on-first`) is pinned with its property, and the correct design passes the same seed.
describe('swarm finds every planted bug', () => {
  const pins: [bug: string, seed: number, property: string][] = [
    ['ack-before-majority', 1, 'linearizable-reads'],
    ['no-truncate-divergent-suffix', 2, 'no-divergence'],
    ['vote-twice-per-term', 4, 'one-primary-per-term'],
  ];
  for (const [bug, seed, property] of pins) {
    it(`${bug}: ${property} (swarm, first failing seed from 1: ${seed})`, () => {
      expect(properties(run('swarm', seed, [bug]))).toContain(property);
      expect(run('swarm', seed).outcome).toBe('pass');
    });
  }

  // Leases are drawn on in half the seeds; this one has them, with drift faults inside their bound.
  it('lease-ignores-drift: a stale lease read (swarm, first failing seed from 1: 113)', () => {
    const result = run('swarm', 113, ['lease-ignores-drift']);
    expect(result.options).toContain('replication.leases=true');
    expect(result.violations.find((each) => each.property === 'linearizable-reads')?.message).toMatch(/^stale read/);
    expect(run('swarm', 113).outcome).toBe('pass');
  });
});

describe('partition-primary keeps a client with the isolated replica', () => {
  it('every generated isolation puts one replica and one client on the small side', () => {
    const definition = findScenario('partition-primary');
    const config = resolveConfig(definition, []);
    const partitions = [0, 1, 2, 3, 4, 5].flatMap((seed) => scheduleFor(definition, config, seed).filter((timed) => timed.fault.kind === 'partition'));
    expect(partitions.length).toBeGreaterThan(3);
    for (const timed of partitions) {
      const [side] = (timed.fault as { groups: string[][] }).groups;
      expect(side?.map((id) => id[0])).toEqual(['n', 'c']);
    }
  });
});

describe('leases', () => {
  it('drift beyond the configured bound gives a stale read the checker reports (clock-skew, first failing seed: 97)', () => {
    const sets = ['faults.kinds.drift.magnitudeMax=900000'];
    const result = run('clock-skew', 97, [], sets);
    expect(result.violations.find((each) => each.property === 'linearizable-reads')?.message).toMatch(/^stale read/);
  });
});

describe('stale replies', () => {
  // A rejection sent for an older term can arrive once the primary has reached the term the follower had
  // then: it carries conflict index 0 and says nothing of the log. An assertion once took it for a crash.
  it('a reply rejected for an older term is not a crash (swarm seed 455)', () => {
    expect(run('swarm', 455).outcome).toBe('pass');
  });
});

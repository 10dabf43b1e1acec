// Proves that logstore-disk catches the planted bug `skip-checksum` (a bit flip served as data) within
// 200 seeds, and that the correct store, facing the same media faults, detects and declares the damage
// instead of serving it — the run holds, with the loss reported as lost to detected corruption — and that
// a seed replays to the same trace hash.
import { describe, expect, it } from 'vitest';
import { logStoreDisk } from './logstore-disk.js';
import { resolveConfig, runScenario } from './runner.js';

describe('logstore-disk', () => {
  it('skip-checksum is caught by no-corrupted-payload', () => {
    const config = resolveConfig(logStoreDisk, []);
    let caughtAt: number | null = null;
    for (let seed = 1; seed <= 200 && caughtAt === null; seed++) {
      const result = runScenario({ scenario: logStoreDisk, seed, config, bugs: ['skip-checksum'] });
      if (result.violations.some((violation) => violation.property === 'no-corrupted-payload')) caughtAt = seed;
    }
    expect(caughtAt, 'no-corrupted-payload never fired within 200 seeds').not.toBeNull();
  });

  it('replays a seed bit for bit: same seed, same trace hash', () => {
    const config = resolveConfig(logStoreDisk, ['logstore.durability=group']);
    const first = runScenario({ scenario: logStoreDisk, seed: 11, config, bugs: [] });
    const second = runScenario({ scenario: logStoreDisk, seed: 11, config, bugs: [] });
    expect(second.traceHash).toBe(first.traceHash);
    expect(second.events).toBe(first.events);
  });

  it('the correct store detects media damage and holds, reporting what the damage took', () => {
    const config = resolveConfig(logStoreDisk, []);
    let declaredAt: number | null = null;
    for (let seed = 1; seed <= 20 && declaredAt === null; seed++) {
      const result = runScenario({ scenario: logStoreDisk, seed, config, bugs: [] });
      expect(result.violations).toEqual([]);
      if (result.summary.corruption !== 'none') {
        declaredAt = seed;
        expect(Number(result.summary.lostToDetectedCorruption)).toBeGreaterThanOrEqual(0);
      }
    }
    expect(declaredAt, 'no seed in 1..20 declared corruption: the scenario no longer damages the disk').not.toBeNull();
  });
});

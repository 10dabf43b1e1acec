// Proves that logstore-disk catches the planted bug `skip-checksum` (a bit flip served as data) within
// 200 seeds, and that the correct store, facing the same media faults, detects and declares the damage
// instead of serving it — the run holds, with the loss reported as lost to detected corruption.
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

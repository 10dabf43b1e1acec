// Proves that every planted bug logstore-crash targets is caught by its property within 200 seeds
// (stopping at the first seed where that property fires), and that `none` durability — the seed's
// unflushed write — loses an acknowledged event that the violation names, with its acknowledgement time.
import { describe, expect, it } from 'vitest';
import { logStoreCrash } from './logstore-crash.js';
import { resolveConfig, runScenario, type RunResult } from './runner.js';

const SEEDS_MAX = 200;

function firstCatch(bug: string | null, property: string, overrides: string[] = []): { seed: number; result: RunResult } | null {
  const config = resolveConfig(logStoreCrash, overrides);
  for (let seed = 1; seed <= SEEDS_MAX; seed++) {
    const result = runScenario({ scenario: logStoreCrash, seed, config, bugs: bug === null ? [] : [bug] });
    if (result.violations.some((violation) => violation.property === property)) return { seed, result };
  }
  return null;
}

describe('logstore-crash catches its planted bugs', () => {
  const cases: [string, string][] = [
    ['ack-before-fsync', 'acked-appends-durable'],
    ['no-torn-tail-truncation', 'acked-appends-durable'],
    ['dedup-in-memory-only', 'acked-appends-durable'],
    ['highest-seq-resets-on-delete', 'highest-never-decreases'],
    ['global-seq-as-stream-version', 'stream-versions-contiguous'],
  ];
  for (const [bug, property] of cases) {
    it(`${bug} is caught by ${property}`, () => {
      const caught = firstCatch(bug, property);
      expect(caught, `${property} never fired within ${SEEDS_MAX} seeds`).not.toBeNull();
    });
  }

  it('finds a lost acknowledged event in none mode, and says which one and when it was acknowledged', () => {
    const caught = firstCatch(null, 'acked-appends-durable', ['logstore.durability=none']);
    expect(caught).not.toBeNull();
    const message = caught?.result.violations.find((violation) => violation.property === 'acked-appends-durable')?.message ?? '';
    expect(message).toMatch(/^lost acknowledged event c\d+-\d+-\d+ \(stream s\d+ version \d+, position \d+\), acknowledged to client c\d+ by n1 at [\d.]+m?s: .*power loss at/);
  });

  it('rejects an unknown durability mode with a one-line message naming the field and the choices', () => {
    expect(() => resolveConfig(logStoreCrash, ['logstore.durability=sometimes'])).toThrow('logstore.durability must be one of fsync | group | none (got "sometimes")');
  });

  it('holds with the correct store in fsync and group modes (seeds 1–3; the 1,000-seed sweeps are explore runs)', () => {
    for (const durability of ['fsync', 'group']) {
      const config = resolveConfig(logStoreCrash, [`logstore.durability=${durability}`]);
      for (let seed = 1; seed <= 3; seed++) {
        const result = runScenario({ scenario: logStoreCrash, seed, config, bugs: [] });
        expect(result.violations).toEqual([]);
        expect(Number(result.summary.ackedEvents)).toBeGreaterThan(500);
      }
    }
  });
});

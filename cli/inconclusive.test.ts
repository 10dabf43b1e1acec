// Proves that an undecided check is never counted as a pass: a replication run whose linearizability
// checker is given too small a search budget exits 3 (inconclusive) from `run`, `explore` lists its
// seeds as inconclusive and not as failures, and a real failure beside an undecided check still fails.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdictOf } from '../scenarios/runner.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';
import { faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-inconclusive-'));
const starved = ['--set', 'checks.linearizabilityStepsMax=1'];

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args);
}

describe('an undecided linearizability check', () => {
  it('makes run exit 3 with an inconclusive verdict', () => {
    const run = faultline('run', 'partition-primary', '--seed', '1', ...starved, '--json', '--out', out);
    expect(run.status).toBe(exitCodes.inconclusive);
    const result = JSON.parse(run.stdout);
    expect(result.outcome).toBe('inconclusive');
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([expect.objectContaining({ property: 'linearizable-reads', kind: 'inconclusive' })]);
    const text = faultline('run', 'partition-primary', '--seed', '1', ...starved, '--out', out);
    expect(text.status).toBe(3);
    expect(text.stdout).toMatch(/^\? linearizable-reads/m);
    expect(text.stdout).toMatch(/verdict: INCONCLUSIVE/);
  });

  it('is counted apart by explore, which exits 3', () => {
    const explore = faultline('explore', 'partition-primary', '--seeds', '2', '--workers', '1', ...starved, '--json', '--out', out);
    expect(explore.status).toBe(3);
    const report = JSON.parse(explore.stdout);
    expect(report.failures).toEqual([]);
    expect(report.inconclusive.map((row: { seed: number }) => row.seed)).toEqual([1, 2]);
  });

  it('the same seeds with the default budget pass', () => {
    const explore = faultline('explore', 'partition-primary', '--seeds', '2', '--workers', '1', '--json', '--out', out);
    expect(explore.status).toBe(0);
    expect(JSON.parse(explore.stdout).inconclusive).toEqual([]);
  });
});

describe('verdictOf', () => {
  const undecided = { property: 'linearizable-reads', kind: 'inconclusive' as const, message: 'budget' };
  const lost = { property: 'no-acked-event-lost', kind: 'correctness' as const, message: 'lost' };
  const stalled = { property: 'liveness-after-heal', kind: 'liveness' as const, message: 'stalled' };

  it('passes only with no violation at all', () => {
    expect(verdictOf([]).outcome).toBe('pass');
    expect(verdictOf([undecided]).outcome).toBe('inconclusive');
  });

  it('a failure beside an undecided check is a failure of the worst kind', () => {
    expect(verdictOf([undecided, stalled])).toMatchObject({ outcome: 'fail', kind: 'liveness' });
    expect(verdictOf([stalled, undecided, lost])).toMatchObject({ outcome: 'fail', kind: 'correctness' });
  });

  it('maps to the exit code table', () => {
    expect([exitCodeFor('pass'), exitCodeFor('fail'), exitCodeFor('inconclusive')]).toEqual([0, 1, 3]);
  });
});

// A user's own suite, importing faultline by its package name only: the register store passes under
// faults as designed; with its planted bug a seed fails, leaves a replay file that reproduces, and
// fast-check, drawing whole runs (seed + fault schedule), finds and shrinks a failing one by itself.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPasses, assertProperty, replayFile, simulate, SimulationFailure } from 'faultline';
import { registerStore } from './scenario.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-example-'));

describe('register-store, a model written outside faultline', () => {
  it('holds its property under crashes, power loss and pauses', () => {
    for (const seed of [1, 2, 3]) expect(assertPasses({ scenario: registerStore, seed, out }).outcome).toBe('pass');
  });

  it('with ack-before-fsync, seed 8 fails, writes a replay file, and the replay reproduces it', async () => {
    const result = simulate({ scenario: registerStore, seed: 8, bugs: ['ack-before-fsync'], out });
    expect(result.outcome).toBe('fail');
    expect(result.violations[0]?.property).toBe('linearizable-register');
    expect(result.replayFile !== null && existsSync(result.replayFile)).toBe(true);
    expect(result.replayCommand).toMatch(/^faultline replay .*register-store-ack-before-fsync-seed8.*\.replay --scenario /);
    expect(result.shrunkSchedule?.length).toBeLessThan(result.schedule.length);
    const replayed = await replayFile(result.replayFile as string, { scenario: registerStore });
    expect(replayed.reproduced).toBe(true);
    // The workload shrank as the scenario declares, and the shrunk run replays bit for bit too.
    expect(result.workloadShrink?.after.durationMicros).toBeLessThan(2_000_000);
    const shrunk = await replayFile(result.replayFile as string, { scenario: registerStore, shrunk: true });
    expect(shrunk.reproduced).toBe(true);
    expect(shrunk.result.config).toEqual(result.shrunkConfig);
  });

  it('assertPasses throws a failure whose message names the violation and the replay command', () => {
    expect(() => assertPasses({ scenario: registerStore, seed: 8, bugs: ['ack-before-fsync'], out, shrink: false })).toThrow(SimulationFailure);
    expect(() => assertPasses({ scenario: registerStore, seed: 8, bugs: ['ack-before-fsync'], out, shrink: false })).toThrow(/linearizable-register[\s\S]*replay: faultline replay /);
  });

  it('fast-check finds the planted bug from drawn fault schedules, and passes the correct design', () => {
    expect(() => assertProperty({ scenario: registerStore, bugs: ['ack-before-fsync'], numRuns: 40, fcSeed: 8, faultsMax: 8, out })).toThrow(SimulationFailure);
    expect(() => assertProperty({ scenario: registerStore, numRuns: 4, fcSeed: 7, out })).not.toThrow();
  });
});

// Proves, on the real simulated cluster, that a failing run shrinks past its fault schedule to a smaller
// workload: the log store's ack-before-fsync (seed 3) still loses an acknowledged event with one client,
// a fraction of the operations and a tenth of the simulated time, and the shrunk config and schedule
// replay to the same trace hash (and pass with the bug off). A liveness failure keeps its quiet period; with workload shrinking off
// the config is the one the run started with.
import { describe, expect, it } from 'vitest';
import { findScenario } from './registry.js';
import { resolveConfig, runScenario } from './runner.js';
import { shrinkFailure } from './shrink-failure.js';
import { describeWorkloadShrink } from './shrink-workload.js';

describe('shrinkFailure', () => {
  const scenario = findScenario('logstore-crash');
  const config = resolveConfig(scenario, []);
  const request = { scenario, seed: 3, config, bugs: ['ack-before-fsync'] };
  const failing = runScenario(request);

  it('shrinks the workload of a lost acknowledged append and the result replays bit for bit', () => {
    expect(failing.outcome).toBe('fail');
    const found = shrinkFailure(request, failing, 'acked-appends-durable', { workloadAttemptsMax: 60 });
    const workload = found.workload;
    expect(workload).not.toBeNull();
    if (workload === null) return;
    expect(workload.before.counts).toEqual({ clients: 4, streams: 8 });
    expect(workload.after.counts['clients']).toBe(1);
    expect(workload.after.operations * 5).toBeLessThan(workload.before.operations);
    expect(workload.after.durationMicros * 4).toBeLessThan(workload.before.durationMicros);
    expect(workload.attempts).toBeLessThanOrEqual(60);
    expect(workload.overrides).toContain('workload.clientCount=1');
    expect(describeWorkloadShrink(workload)).toMatch(/^clients 4 → 1, streams 8 → \d+, operations \d+ → \d+, duration 4\.000s → [\d.]+ms \(\d+ attempts, \d+ with the bugs off\)$/);
    // The same property, the same kind, and nothing the run did not already fail.
    expect(found.result.violations.some((each) => each.property === 'acked-appends-durable' && each.kind === 'correctness')).toBe(true);
    expect(new Set(found.result.violations.map((each) => each.property))).toEqual(new Set(['acked-appends-durable']));
    // The shrunk config is a valid config of the scenario, and replays to the same trace hash.
    expect(() => resolveConfig(scenario, workload.overrides)).not.toThrow();
    const again = runScenario({ ...request, config: resolveConfig(scenario, workload.overrides), schedule: found.schedule });
    expect(again.traceHash).toBe(found.result.traceHash);
    expect(again.config).toEqual(found.config);
    // The smaller run fails because of the bug, not because it was made smaller: without it, it passes.
    expect(runScenario({ ...request, bugs: [], config: found.config, schedule: found.schedule }).outcome).toBe('pass');
  });

  it('with workload shrinking off, only the schedule shrinks', () => {
    const found = shrinkFailure(request, failing, 'acked-appends-durable', { workload: false });
    expect(found.workload).toBeNull();
    expect(found.config).toBe(config);
  });

  it('a liveness failure keeps its quiet period (the heal may move, the time after it does not)', () => {
    const counter = findScenario('demo-counter');
    const counterRequest = { scenario: counter, seed: 11, config: resolveConfig(counter, []), bugs: ['mute-after-restart'] };
    const result = runScenario(counterRequest);
    expect(result.violations[0]?.property).toBe('responds-after-heal');
    const found = shrinkFailure(counterRequest, result, 'responds-after-heal', { workloadAttemptsMax: 30 });
    const heal = Math.max(...found.schedule.filter((timed) => timed.fault.kind === 'healAll').map((timed) => timed.atMicros));
    expect(found.config.durationMicros - heal).toBe(5_000_000 - 3_000_000);
    expect(found.workload?.after.counts['clients']).toBe(1);
    expect(found.result.violations.every((each) => each.property === 'responds-after-heal' && each.kind === 'liveness')).toBe(true);
  });
});

// Proves shrinking keeps the failure and removes the faults that do not matter: a planted bug that
// needs a restart is shrunk to a schedule of a few faults that still trips the same property.
import { describe, expect, it } from 'vitest';
import { findScenario } from './registry.js';
import { resolveConfig, runScenario } from './runner.js';
import { shrinkSchedule } from './shrink.js';

describe('shrinkSchedule', () => {
  it('shrinks mute-after-restart to a minimal schedule that still fails', () => {
    const scenario = findScenario('demo-counter');
    const config = resolveConfig(scenario, ['faults.kinds.crash.eventsMax=6', 'faults.kinds.partition.eventsMax=4']);
    const request = { scenario, seed: 11, config, bugs: ['mute-after-restart'] };
    const original = runScenario(request);
    expect(original.outcome).toBe('fail');
    const shrunk = shrinkSchedule({ ...request, schedule: original.schedule }, 'responds-after-heal');
    expect(shrunk.result.violations.some((violation) => violation.property === 'responds-after-heal')).toBe(true);
    expect(shrunk.schedule.length).toBeLessThan(original.schedule.length);
    // One crash + its restart (or a power loss + restart) and the final healAll are all it needs.
    expect(shrunk.schedule.filter((timed) => timed.fault.kind !== 'healAll').length).toBeLessThanOrEqual(2);
    expect(shrunk.schedule.at(-1)?.fault.kind).toBe('healAll');
  });

  it('a passing run has nothing to shrink', () => {
    const scenario = findScenario('demo-counter');
    const config = resolveConfig(scenario, []);
    const request = { scenario, seed: 11, config, bugs: [] };
    const original = runScenario(request);
    const shrunk = shrinkSchedule({ ...request, schedule: original.schedule }, 'responds-after-heal', 20);
    expect(shrunk.result.outcome).toBe('pass');
  });
});

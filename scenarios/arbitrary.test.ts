// Proves the fault-schedule arbitrary drives real scenarios: with a planted bug fast-check finds a
// schedule that trips the property and shrinks it; without the bug the same budget of schedules holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultScheduleArbitrary } from './arbitrary.js';
import { findScenario } from './registry.js';
import { resolveConfig, runScenario } from './runner.js';
import { validateSchedule } from './validate.js';

const scenario = findScenario('demo-counter');
const config = resolveConfig(scenario, ['durationMicros=4000000', 'counter.pingFromMicros=3200000']);
const shape = { nodes: scenario.nodes(config), startMicros: 0, endMicros: 3_000_000, faultsMax: 6 };

describe('faultScheduleArbitrary', () => {
  it('generates schedules the validator accepts', () => {
    fc.assert(fc.property(faultScheduleArbitrary(shape), (schedule) => validateSchedule(schedule, shape.nodes, config.durationMicros)), { numRuns: 200 });
  });

  it('with mute-after-restart, fast-check finds and shrinks a failing schedule', () => {
    const verdict = fc.check(
      fc.property(faultScheduleArbitrary(shape), (schedule) => runScenario({ scenario, seed: 5, config, bugs: ['mute-after-restart'], schedule }).outcome === 'pass'),
      { numRuns: 40, seed: 42 },
    );
    expect(verdict.failed).toBe(true);
    const [schedule] = verdict.counterexample ?? [[]];
    expect(schedule.filter((timed) => timed.fault.kind !== 'healAll').length).toBeLessThanOrEqual(2);
  });

  it('without the bug the same schedules hold', () => {
    fc.assert(
      fc.property(faultScheduleArbitrary(shape), (schedule) => runScenario({ scenario, seed: 5, config, bugs: [], schedule }).outcome === 'pass'),
      { numRuns: 15, seed: 42 },
    );
  });
});

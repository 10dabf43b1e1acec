// Proves the workload shrinker's control run is needed and works: a replication scenario declared too
// loosely (quiet period down to nothing, workload end free) lets the search reach a run that fails
// no-acked-event-lost with the planted bug off too — a follower that simply had no time to catch up —
// unless each kept candidate is checked with the bug off, as it is by default. Pinned on
// partition-primary seed 0 with ack-before-majority, started from its schedule-shrunk run.
import { describe, expect, it } from 'vitest';
import type { FaultSchedule } from '../sim/faults.js';
import { findScenario } from './registry.js';
import { resolveConfig, runScenario } from './runner.js';
import { shrinkWorkload } from './shrink-workload.js';
import type { ScenarioDefinition } from './types.js';

const builtIn = findScenario('partition-primary');
const loose: ScenarioDefinition<any> = { ...builtIn, workloadShrink: { ...builtIn.workloadShrink, quietMicrosMin: 0, workloadEndPath: 'replication.workloadEndMicros' } };
const config = resolveConfig(loose, ['durationMicros=4520000', 'faults.endMicros=2520000', 'replication.workloadEndMicros=3770000', 'replication.clientCount=2', 'replication.streamCount=4']);
const schedule: FaultSchedule = [
  { atMicros: 2_394_758, fault: { kind: 'partition', groups: [['n2', 'c2'], ['n1', 'n3', 'c1']] } },
  { atMicros: 2_520_000, fault: { kind: 'healAll' } },
];
const request = { scenario: loose, seed: 0, config, bugs: ['ack-before-majority'], schedule };

describe('the control run (planted bugs off)', () => {
  const failing = runScenario(request);
  const bugOff = (shrunk: ReturnType<typeof shrinkWorkload>) => runScenario({ ...request, bugs: [], config: shrunk.config, schedule: shrunk.schedule });

  it('the starting run fails with the bug and passes without it', () => {
    expect(failing.violations.some((each) => each.property === 'no-acked-event-lost')).toBe(true);
    expect(runScenario({ ...request, bugs: [] }).outcome).toBe('pass');
  });

  it('without it, the search keeps a run too short for a correct design; with it, the result passes with the bug off', () => {
    const unchecked = shrinkWorkload(request, failing, 'no-acked-event-lost', { attemptsMax: 20, control: false });
    expect(unchecked.controlRuns).toBe(0);
    expect(bugOff(unchecked).violations.map((each) => each.property)).toContain('no-acked-event-lost');
    const checked = shrinkWorkload(request, failing, 'no-acked-event-lost', { attemptsMax: 20 });
    expect(checked.controlRuns).toBeGreaterThan(0);
    expect(checked.after.durationMicros).toBeLessThan(config.durationMicros);
    expect(bugOff(checked).outcome).toBe('pass');
    expect(checked.result.violations.some((each) => each.property === 'no-acked-event-lost')).toBe(true);
  });
});

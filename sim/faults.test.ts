// Proves the generator's correlated and targeted kinds: a correlated outage takes down all nodes or a
// majority within the stagger bound and brings each back; an isolation with a client keeps one client
// beside one node; targeted faults are plain data resolved later; profiles without the new kinds and
// without varied swarm density draw exactly the schedules they drew before (pinned on a fixed seed).
import { describe, expect, it } from 'vitest';
import { describeFault, generateSchedule, type FaultProfile } from './faults.js';
import { rootRandom } from './random.js';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const profile = (kinds: FaultProfile['kinds'], swarm = false): FaultProfile => ({ swarm, startMicros: 1_000, endMicros: 1_000_000, kinds });

describe('generateSchedule', () => {
  it('correlated power loss: all nodes or a majority, within the stagger, each restarted', () => {
    let sawAll = false;
    let sawMajority = false;
    for (let seed = 0; seed < 40; seed++) {
      const schedule = generateSchedule(profile({ correlatedPowerLoss: { eventsMax: 1, durationMicrosMin: 50_000, durationMicrosMax: 50_000, magnitudeMax: 800 } }), nodes, rootRandom(seed).fork('faults'));
      const downs = schedule.filter((timed) => timed.fault.kind === 'powerLoss');
      const ups = schedule.filter((timed) => timed.fault.kind === 'restart');
      if (downs.length === 0) continue;
      expect(downs.length).toBeGreaterThanOrEqual(3);
      expect(ups.length).toBe(downs.length);
      const times = downs.map((timed) => timed.atMicros);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(800);
      expect(new Set(downs.map((timed) => (timed.fault as { node: string }).node)).size).toBe(downs.length);
      if (downs.length === 5) sawAll = true;
      if (downs.length === 3) sawMajority = true;
    }
    expect(sawAll && sawMajority).toBe(true);
  });

  it('isolateWithClient puts one node and one client on one side', () => {
    const partitions = [0, 1, 2, 3, 4, 5].flatMap((seed) =>
      generateSchedule(profile({ isolateWithClient: { eventsMax: 3, durationMicrosMin: 1_000, durationMicrosMax: 9_000, magnitudeMax: 0 } }), nodes, rootRandom(seed).fork('faults'), ['c1', 'c2']).filter((timed) => timed.fault.kind === 'partition'),
    );
    expect(partitions.length).toBeGreaterThan(0);
    for (const timed of partitions) {
      const groups = (timed.fault as { groups: string[][] }).groups;
      expect(groups[0]?.length).toBe(2);
      expect(groups[0]?.[0]).toMatch(/^n/);
      expect(groups[0]?.[1]).toMatch(/^c/);
      expect(groups[1]?.length).toBe(5);
    }
  });

  it('targeted faults are plain data naming a selector, not a node', () => {
    const schedule = generateSchedule(profile({ targeted: { eventsMax: 6, durationMicrosMin: 1_000, durationMicrosMax: 9_000, magnitudeMax: 0 }, targetedPrimary: { eventsMax: 4, durationMicrosMin: 1_000, durationMicrosMax: 9_000, magnitudeMax: 0 } }), nodes, rootRandom(5).fork('faults'));
    const targeted = schedule.filter((timed) => timed.fault.kind === 'targeted');
    expect(targeted.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(schedule))).toEqual(schedule);
    for (const timed of targeted) expect(timed.fault).not.toHaveProperty('node');
  });

  it('a profile of the older kinds draws the schedule it drew before (swarm on, density not varied)', () => {
    const schedule = generateSchedule(profile({ crash: { eventsMax: 2, durationMicrosMin: 1_000, durationMicrosMax: 5_000, magnitudeMax: 0 }, skew: { eventsMax: 1, durationMicrosMin: 0, durationMicrosMax: 0, magnitudeMax: 1_000 } }, true), nodes, rootRandom(7).fork('faults'));
    expect(schedule).toMatchInlineSnapshot(`
      [
        {
          "atMicros": 584764,
          "fault": {
            "kind": "skew",
            "node": "n1",
            "offsetMicros": 209,
          },
        },
        {
          "atMicros": 1000000,
          "fault": {
            "kind": "healAll",
          },
        },
      ]
    `);
  });

  it('describes a targeted fault in words and readable durations, not raw microseconds', () => {
    expect(describeFault({ kind: 'targeted', action: 'pause', select: 'primary', pick: 3, durationMicros: 166_228, afterNewPrimary: { delayMicros: 2_133, waitMicrosMax: 2_000_000 } })).toBe('pause the primary for 166.2ms, 2.1ms after the next new primary');
    expect(describeFault({ kind: 'targeted', action: 'crash', select: 'longestLog', pick: 0, durationMicros: 1_500_000 })).toBe('crash the node with the longest log for 1.500s');
  });
});

// Fault-schedule generation from a profile: deterministic in its random stream, sorted, inside the
// fault window, every paired fault ended, aimed only at the nodes it was given, magnitudes in bounds,
// and swarm testing really switching kinds off per seed.
import { describe, expect, it } from 'vitest';
import { generateSchedule, profileKinds, type FaultProfile, type KindProfile } from './faults.js';
import { rootRandom } from './random.js';

const kind = (eventsMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin: 1_000, durationMicrosMax: 400_000, magnitudeMax });
const everything: FaultProfile = {
  swarm: false,
  startMicros: 100_000,
  endMicros: 2_000_000,
  kinds: Object.fromEntries(profileKinds.map((each) => [each, kind(3, each === 'skew' ? 50_000 : each === 'drift' ? 200 : each === 'loss' ? 100_000 : 4)])),
};
const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const scheduleOf = (seed: number, profile = everything) => generateSchedule(profile, nodes, rootRandom(seed).fork('faults'));

describe('fault-schedule generation', () => {
  it('is a pure function of the seed', () => {
    expect(scheduleOf(7)).toEqual(scheduleOf(7));
    expect(scheduleOf(7)).not.toEqual(scheduleOf(8));
  });

  it('is sorted, stays in the window, ends with one healAll, and targets only the given nodes', () => {
    for (let seed = 0; seed < 50; seed++) {
      const schedule = scheduleOf(seed);
      const times = schedule.map((timed) => timed.atMicros);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(schedule.at(-1)).toEqual({ atMicros: 2_000_000, fault: { kind: 'healAll' } });
      expect(schedule.filter((timed) => timed.fault.kind === 'healAll')).toHaveLength(1);
      for (const timed of schedule) {
        expect(timed.atMicros).toBeGreaterThanOrEqual(100_000);
        expect(timed.atMicros).toBeLessThanOrEqual(2_000_000);
        const named = JSON.stringify(timed.fault).match(/"n\d+"/g) ?? [];
        for (const node of named) expect(nodes).toContain(JSON.parse(node));
      }
    }
  });

  it('ends every crash, power loss and pause it starts, on the same node, before the window closes', () => {
    for (let seed = 0; seed < 50; seed++) {
      const open = new Map<string, string>();
      for (const { fault } of scheduleOf(seed)) {
        if (fault.kind === 'crash' || fault.kind === 'powerLoss' || fault.kind === 'pause') open.set(`${fault.node}:${fault.kind === 'pause' ? 'pause' : 'down'}`, fault.kind);
        if (fault.kind === 'restart') open.delete(`${fault.node}:down`);
        if (fault.kind === 'resume') open.delete(`${fault.node}:pause`);
      }
      expect([...open.keys()], `seed ${seed}`).toEqual([]);
    }
  });

  it('keeps magnitudes within the profile', () => {
    for (let seed = 0; seed < 50; seed++) {
      for (const { fault } of scheduleOf(seed)) {
        if (fault.kind === 'skew') expect(Math.abs(fault.offsetMicros)).toBeLessThanOrEqual(50_000);
        if (fault.kind === 'drift') expect(Math.abs(fault.driftPpm)).toBeLessThanOrEqual(200);
        if (fault.kind === 'loss') expect(fault.ratio).toBeLessThanOrEqual(0.1);
        if (fault.kind === 'misdirectWrites' || fault.kind === 'lieFsync') expect(fault.count).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('without swarm every kind shows up across seeds; with swarm, seeds differ in which kinds they use', () => {
    const kindsOf = (profile: FaultProfile, seed: number) => new Set(scheduleOf(seed, profile).map((timed) => timed.fault.kind));
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed++) for (const each of kindsOf(everything, seed)) seen.add(each);
    for (const each of ['partition', 'partitionOneWay', 'clog', 'loss', 'crash', 'powerLoss', 'pause', 'skew', 'drift', 'bitFlip', 'misdirectWrites', 'lieFsync']) expect(seen).toContain(each);
    const swarm = { ...everything, swarm: true };
    const mixes = new Set(Array.from({ length: 30 }, (_, seed) => [...kindsOf(swarm, seed)].sort().join(',')));
    expect(mixes.size).toBeGreaterThan(20);
    const sizes = Array.from({ length: 30 }, (_, seed) => kindsOf(swarm, seed).size);
    expect(Math.min(...sizes)).toBeLessThan(Math.max(...Array.from({ length: 30 }, (_, seed) => kindsOf(everything, seed).size)));
  });
});

// Fault schedules: plain, serialisable data — a list of timed fault events. A schedule is written in
// a scenario, generated per seed from a fault profile (swarm testing: each seed enables its own subset
// of fault kinds at its own rates), or produced by a fast-check arbitrary and shrunk. Generation draws
// only from the `faults` random stream, so the schedule of a seed does not depend on the model.
import { assert } from './assert.js';
import type { Random } from './random.js';
import type { Micros } from './time.js';

export type Fault =
  | { kind: 'partition'; groups: string[][] }
  | { kind: 'partitionOneWay'; sources: string[]; targets: string[] }
  | { kind: 'heal' }
  | { kind: 'clog'; source: string; target: string }
  | { kind: 'unclog' }
  | { kind: 'loss'; ratio: number }
  | { kind: 'crash'; node: string }
  | { kind: 'powerLoss'; node: string }
  | { kind: 'restart'; node: string }
  | { kind: 'pause'; node: string }
  | { kind: 'resume'; node: string }
  | { kind: 'skew'; node: string; offsetMicros: number }
  | { kind: 'drift'; node: string; driftPpm: number }
  | { kind: 'bitFlip'; node: string }
  | { kind: 'misdirectWrites'; node: string; count: number }
  | { kind: 'lieFsync'; node: string; count: number }
  /** Heal the network, restart every stopped node, resume paused ones, reset clocks, disarm disks. */
  | { kind: 'healAll' };

export type FaultKind = Fault['kind'];

export interface TimedFault {
  atMicros: Micros;
  fault: Fault;
}

export type FaultSchedule = TimedFault[];

/** Kinds a profile can ask for. Paired kinds (partition→heal, crash→restart, pause→resume) end by themselves. */
export const profileKinds = [
  'partition',
  'partitionOneWay',
  'bridge',
  'isolate',
  'clog',
  'loss',
  'crash',
  'powerLoss',
  'pause',
  'skew',
  'drift',
  'bitFlip',
  'misdirectWrites',
  'lieFsync',
] as const;

export type ProfileKind = (typeof profileKinds)[number];

export interface KindProfile {
  /** Each seed draws a count in [0, eventsMax] for this kind. */
  eventsMax: number;
  /** How long each fault lasts before its paired end (heal/restart/resume), where it has one. */
  durationMicrosMin: number;
  durationMicrosMax: number;
  /** For skew: |offset| bound; for drift: |ppm| bound; for loss: ratio in parts per million; for disk: count. */
  magnitudeMax: number;
}

export interface FaultProfile {
  /** Swarm testing: each kind is enabled for a seed with probability 1/2. */
  swarm: boolean;
  /** Faults start in [startMicros, endMicros); at endMicros everything is healed (healAll). */
  startMicros: Micros;
  endMicros: Micros;
  /** Nodes that faults target (clients are never faulted). */
  kinds: Partial<Record<ProfileKind, KindProfile>>;
}

/** Generates one seed's schedule from a profile. Deterministic in `random`; sorted by time. */
export function generateSchedule(profile: FaultProfile, nodes: readonly string[], random: Random): FaultSchedule {
  assert(profile.endMicros >= profile.startMicros, `faults.endMicros must be >= startMicros (got ${profile.endMicros} < ${profile.startMicros})`);
  assert(nodes.length > 0, 'generateSchedule: no nodes to fault');
  const schedule: FaultSchedule = [];
  const windowMicros = profile.endMicros - profile.startMicros;
  for (const kind of profileKinds) {
    const kindProfile = profile.kinds[kind];
    if (kindProfile === undefined || kindProfile.eventsMax <= 0) continue;
    // Draw the enable bit even when swarm is off, so toggling swarm does not shift later draws.
    const enabled = random.chance(1, 2) || !profile.swarm;
    const count = random.intInclusive(0, kindProfile.eventsMax);
    if (!enabled || windowMicros === 0) continue;
    for (let index = 0; index < count; index++) {
      const atMicros = profile.startMicros + random.below(windowMicros);
      const duration = random.intInclusive(kindProfile.durationMicrosMin, kindProfile.durationMicrosMax);
      const endMicros = Math.min(atMicros + duration, profile.endMicros);
      for (const timed of faultsOfKind(kind, kindProfile, nodes, random, atMicros, endMicros)) schedule.push(timed);
    }
  }
  schedule.push({ atMicros: profile.endMicros, fault: { kind: 'healAll' } });
  return sortSchedule(schedule);
}

function faultsOfKind(kind: ProfileKind, profile: KindProfile, nodes: readonly string[], random: Random, atMicros: Micros, endMicros: Micros): TimedFault[] {
  const node = random.pick(nodes);
  const shuffled = random.shuffle([...nodes]);
  const minority = Math.max(1, Math.floor((nodes.length - 1) / 2));
  switch (kind) {
    case 'partition':
      return pair(atMicros, { kind: 'partition', groups: [shuffled.slice(0, minority), shuffled.slice(minority)] }, endMicros, { kind: 'heal' });
    case 'isolate':
      return pair(atMicros, { kind: 'partition', groups: [[node], nodes.filter((each) => each !== node)] }, endMicros, { kind: 'heal' });
    case 'bridge': {
      // Two sides that each see the bridge node but not each other.
      if (nodes.length < 3) return [];
      // shuffled[0] is the bridge: it is in neither side's block list.
      const rest = shuffled.slice(1);
      const half = Math.floor(rest.length / 2);
      const left = rest.slice(0, half);
      const right = rest.slice(half);
      return pair(atMicros, { kind: 'partitionOneWay', sources: left, targets: right }, endMicros, { kind: 'heal' }, { kind: 'partitionOneWay', sources: right, targets: left });
    }
    case 'partitionOneWay':
      return pair(atMicros, { kind: 'partitionOneWay', sources: shuffled.slice(0, minority), targets: shuffled.slice(minority) }, endMicros, { kind: 'heal' });
    case 'clog':
      return pair(atMicros, { kind: 'clog', source: shuffled[0] as string, target: (shuffled[1] ?? shuffled[0]) as string }, endMicros, { kind: 'unclog' });
    case 'loss':
      return pair(atMicros, { kind: 'loss', ratio: random.intInclusive(1, Math.max(1, profile.magnitudeMax)) / 1_000_000 }, endMicros, { kind: 'loss', ratio: 0 });
    case 'crash':
      return pair(atMicros, { kind: 'crash', node }, endMicros, { kind: 'restart', node });
    case 'powerLoss':
      return pair(atMicros, { kind: 'powerLoss', node }, endMicros, { kind: 'restart', node });
    case 'pause':
      return pair(atMicros, { kind: 'pause', node }, endMicros, { kind: 'resume', node });
    case 'skew':
      return [{ atMicros, fault: { kind: 'skew', node, offsetMicros: random.intInclusive(-profile.magnitudeMax, profile.magnitudeMax) } }];
    case 'drift':
      return [{ atMicros, fault: { kind: 'drift', node, driftPpm: random.intInclusive(-profile.magnitudeMax, profile.magnitudeMax) } }];
    case 'bitFlip':
      return [{ atMicros, fault: { kind: 'bitFlip', node } }];
    case 'misdirectWrites':
      return [{ atMicros, fault: { kind: 'misdirectWrites', node, count: random.intInclusive(1, Math.max(1, profile.magnitudeMax)) } }];
    case 'lieFsync':
      return [{ atMicros, fault: { kind: 'lieFsync', node, count: random.intInclusive(1, Math.max(1, profile.magnitudeMax)) } }];
  }
}

function pair(atMicros: Micros, start: Fault, endMicros: Micros, end: Fault, second?: Fault): TimedFault[] {
  const faults: TimedFault[] = [{ atMicros, fault: start }];
  if (second !== undefined) faults.push({ atMicros, fault: second });
  faults.push({ atMicros: endMicros, fault: end });
  return faults;
}

/** Whether a fault counts as injected: everything but the final `healAll`, which ends the faults. */
export function isInjected(fault: Fault): boolean {
  return fault.kind !== 'healAll';
}

/** Stable sort by time: faults at the same time keep their listed order. */
export function sortSchedule(schedule: FaultSchedule): FaultSchedule {
  return schedule
    .map((timed, index) => ({ timed, index }))
    .sort((a, b) => a.timed.atMicros - b.timed.atMicros || a.index - b.index)
    .map((each) => each.timed);
}

/** One line for people: `1.250s crash n2`. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'partition':
      return `partition ${fault.groups.map((group) => `{${group.join(',')}}`).join(' | ')}`;
    case 'partitionOneWay':
      return `partition one-way {${fault.sources.join(',')}} -/-> {${fault.targets.join(',')}}`;
    case 'clog':
      return `clog ${fault.source} -> ${fault.target}`;
    case 'loss':
      return `set message loss to ${(fault.ratio * 100).toFixed(2)}%`;
    case 'skew':
      return `skew ${fault.node} clock by ${fault.offsetMicros}µs`;
    case 'drift':
      return `drift ${fault.node} clock by ${fault.driftPpm}ppm`;
    case 'misdirectWrites':
    case 'lieFsync':
      return `${fault.kind} ${fault.node} x${fault.count}`;
    case 'heal':
    case 'unclog':
    case 'healAll':
      return fault.kind;
    default:
      return `${fault.kind} ${fault.node}`;
  }
}

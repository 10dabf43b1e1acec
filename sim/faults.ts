// Fault schedules: plain, serialisable data — a list of timed fault events. A schedule is written in
// a scenario, generated per seed from a fault profile (swarm testing: each seed enables its own subset
// of fault kinds at its own rates), or produced by a fast-check arbitrary and shrunk. Generation draws
// only from the `faults` random stream, so the schedule of a seed does not depend on the model.
import { assert } from './assert.js';
import type { Random } from './random.js';
import { formatMicros, type Micros } from './time.js';

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
  /**
   * A protocol-aware fault: its target is chosen from the nodes' observations (`Simulation.observe`)
   * at the moment it fires — the current primary, the longest log… — and it ends by itself after
   * `durationMicros` (restart, resume or heal of the node it hit). `pick` breaks ties among equal
   * candidates (candidate `pick % count`, in node order), so resolution needs no randomness. The node it
   * resolves to is what the trace hash and the trace record; with no candidate it does nothing.
   */
  | TargetedFault
  /** Heal the network, restart every stopped node, resume paused ones, reset clocks, disarm disks. */
  | { kind: 'healAll' };

export type FaultKind = Fault['kind'];

/** What a targeted fault does to the node it selects. `isolateWithClient` keeps one client beside it. */
export const targetedActions = ['crash', 'powerLoss', 'pause', 'isolate', 'isolateWithClient'] as const;
export type TargetedAction = (typeof targetedActions)[number];

/**
 * How a targeted fault chooses its node among the running servers, from what they show of themselves:
 * - `primary`: a node whose role is primary/leader (the highest term if several claim it);
 * - `follower`: a running node that is not a primary;
 * - `longestLog` / `shortestLog`: the largest / smallest `logLength`;
 * - `busy`: a node in the middle of a multi-step action (`busy: true`), e.g. a coordinator mid-step;
 * - `justReplied`: the server that most recently sent a message to a client — the node that just
 *   acknowledged a write (or answered a read, or redirected), seen by the kernel, not by the model.
 */
export const targetSelectors = ['primary', 'follower', 'longestLog', 'shortestLog', 'busy', 'justReplied'] as const;
/**
 * The selectors generated schedules draw from. `justReplied` came later and is left out so that every
 * seed's generated schedule stays what it was; hand-written and `--schedule` faults may use it.
 */
const drawnSelectors: readonly TargetSelector[] = ['primary', 'follower', 'longestLog', 'shortestLog', 'busy'];
export type TargetSelector = (typeof targetSelectors)[number];

/** How a selector reads in a fault's one-line description. */
const targetWords: Record<TargetSelector, string> = {
  primary: 'the primary',
  follower: 'a follower',
  longestLog: 'the node with the longest log',
  shortestLog: 'the node with the shortest log',
  busy: 'a busy node',
  justReplied: 'the node that last replied to a client',
};

export interface TargetedFault {
  kind: 'targeted';
  action: TargetedAction;
  select: TargetSelector;
  pick: number;
  durationMicros: Micros;
  /**
   * Optional trigger: at `atMicros` the fault is only armed; it fires `delayMicros` after a node first
   * shows itself primary that was not primary (in that term) when it was armed — "right after the next
   * election" — and lapses if no election comes within `waitMicrosMax`.
   */
  afterNewPrimary?: { delayMicros: Micros; waitMicrosMax: Micros };
}

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
  // Added after the blind kinds, so profiles without them draw the same schedules as before.
  /** A targeted crash, power loss, pause or isolation (action and selector drawn per fault). */
  'targeted',
  /** A crash or pause of the current primary, mostly a few milliseconds after an election (a leader storm). */
  'targetedPrimary',
  /** All nodes or a majority lose power within `magnitudeMax` µs of each other (0: the same instant). */
  'correlatedPowerLoss',
  /** All nodes or a majority crash within `magnitudeMax` µs of each other. */
  'correlatedCrash',
  /** One node isolated with one client: the node keeps serving someone (needs the scenario's clients). */
  'isolateWithClient',
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
  /** Swarm with a density drawn per seed: each kind enabled with probability 1/4, 1/2 or 3/4 (one per seed). */
  swarmDensityVaried?: boolean;
  /** Faults start in [startMicros, endMicros); at endMicros everything is healed (healAll). */
  startMicros: Micros;
  endMicros: Micros;
  /** Nodes that faults target (clients are never faulted). */
  kinds: Partial<Record<ProfileKind, KindProfile>>;
}

/** Generates one seed's schedule from a profile. Deterministic in `random`; sorted by time. */
export function generateSchedule(profile: FaultProfile, nodes: readonly string[], random: Random, clients: readonly string[] = []): FaultSchedule {
  assert(profile.endMicros >= profile.startMicros, `faults.endMicros must be >= startMicros (got ${profile.endMicros} < ${profile.startMicros})`);
  assert(nodes.length > 0, 'generateSchedule: no nodes to fault');
  const schedule: FaultSchedule = [];
  const windowMicros = profile.endMicros - profile.startMicros;
  // With `swarmDensityVaried`, which kinds a seed enables comes from a stream of its own, at a density
  // drawn per seed (a quarter, half or three quarters of the kinds), so some seeds run a few kinds
  // undisturbed by the others. A forked stream draws nothing from `random`: the enable bit below is
  // still drawn, so every other draw — and every profile without the option — stays where it was.
  const swarmRandom = profile.swarmDensityVaried === true ? random.fork('swarm') : null;
  const density = swarmRandom === null ? 2 : swarmRandom.intInclusive(1, 3);
  for (const kind of profileKinds) {
    const kindProfile = profile.kinds[kind];
    if (kindProfile === undefined || kindProfile.eventsMax <= 0) continue;
    // Draw the enable bit even when swarm is off, so toggling swarm does not shift later draws.
    const coin = random.chance(1, 2);
    const enabled = !profile.swarm || (swarmRandom === null ? coin : swarmRandom.chance(density, 4));
    const count = random.intInclusive(0, kindProfile.eventsMax);
    if (!enabled || windowMicros === 0) continue;
    for (let index = 0; index < count; index++) {
      const atMicros = profile.startMicros + random.below(windowMicros);
      const duration = random.intInclusive(kindProfile.durationMicrosMin, kindProfile.durationMicrosMax);
      const endMicros = Math.min(atMicros + duration, profile.endMicros);
      for (const timed of faultsOfKind(kind, kindProfile, nodes, clients, random, atMicros, endMicros)) schedule.push(timed);
    }
  }
  schedule.push({ atMicros: profile.endMicros, fault: { kind: 'healAll' } });
  return sortSchedule(schedule);
}

function faultsOfKind(kind: ProfileKind, profile: KindProfile, nodes: readonly string[], clients: readonly string[], random: Random, atMicros: Micros, endMicros: Micros): TimedFault[] {
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
    case 'targeted': {
      const action = random.pick(clients.length > 0 ? targetedActions : targetedActions.filter((each) => each !== 'isolateWithClient'));
      // The primary is where most protocols are fragile: half of all targeted faults aim at it.
      const select = random.chance(1, 2) ? 'primary' : random.pick(drawnSelectors);
      const fault: TargetedFault = { kind: 'targeted', action, select, pick: random.below(1_000), durationMicros: Math.max(1, endMicros - atMicros) };
      // Two in three wait for the next election and strike within a few milliseconds of it (sometimes
      // tens): the moments — a new primary's first entries, its first commit — where a protocol is most fragile.
      if (random.chance(2, 3)) fault.afterNewPrimary = { delayMicros: random.chance(3, 4) ? random.intInclusive(0, 5_000) : random.intInclusive(0, 60_000), waitMicrosMax: 2_000_000 };
      return [{ atMicros, fault }];
    }
    case 'targetedPrimary': {
      // Crash or pause (per-node faults that end by themselves, unlike a partition's global heal) the
      // primary, four times in five just after the next election: chains of these leave entries of
      // successive terms on different minorities — the ground of Raft's figure 8.
      const fault: TargetedFault = { kind: 'targeted', action: random.chance(1, 2) ? 'crash' : 'pause', select: 'primary', pick: 0, durationMicros: Math.max(1, endMicros - atMicros) };
      if (random.chance(4, 5)) fault.afterNewPrimary = { delayMicros: random.intInclusive(0, 5_000), waitMicrosMax: 2_000_000 };
      return [{ atMicros, fault }];
    }
    case 'correlatedPowerLoss':
    case 'correlatedCrash':
      return correlated(kind === 'correlatedPowerLoss' ? 'powerLoss' : 'crash', shuffled, profile.magnitudeMax, random, atMicros, endMicros);
    case 'isolateWithClient': {
      if (clients.length === 0) return [];
      const client = random.pick(clients);
      const side = [node, client];
      const rest = [...nodes.filter((each) => each !== node), ...clients.filter((each) => each !== client)];
      return pair(atMicros, { kind: 'partition', groups: [side, rest] }, endMicros, { kind: 'heal' });
    }
  }
}

/**
 * A correlated failure: every node, or a majority of them (a coin decides), goes down within
 * `staggerMicrosMax` of `atMicros` — a rack losing power, a bad deploy — and each restarts within
 * the same stagger of `endMicros`. Expanded into plain per-node faults, so shrinking can drop any one.
 */
function correlated(action: 'powerLoss' | 'crash', shuffled: readonly string[], staggerMicrosMax: number, random: Random, atMicros: Micros, endMicros: Micros): TimedFault[] {
  const all = random.chance(1, 2);
  const count = all ? shuffled.length : Math.floor(shuffled.length / 2) + 1;
  const faults: TimedFault[] = [];
  for (const node of shuffled.slice(0, count)) {
    const downMicros = atMicros + random.intInclusive(0, staggerMicrosMax);
    const upMicros = Math.max(downMicros, endMicros - random.intInclusive(0, staggerMicrosMax));
    faults.push({ atMicros: downMicros, fault: { kind: action, node } }, { atMicros: upMicros, fault: { kind: 'restart', node } });
  }
  return faults;
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
      return `skew ${fault.node} clock by ${fault.offsetMicros >= 0 ? '+' : '-'}${formatMicros(Math.abs(fault.offsetMicros))}`;
    case 'drift':
      return `drift ${fault.node} clock by ${fault.driftPpm}ppm`;
    case 'misdirectWrites':
    case 'lieFsync':
      return `${fault.kind} ${fault.node} x${fault.count}`;
    case 'heal':
    case 'unclog':
    case 'healAll':
      return fault.kind;
    case 'targeted':
      return `${fault.action} ${targetWords[fault.select]} for ${formatMicros(fault.durationMicros)}${fault.afterNewPrimary !== undefined ? `, ${formatMicros(fault.afterNewPrimary.delayMicros)} after the next new primary` : ''}`;
    default:
      return `${fault.kind} ${fault.node}`;
  }
}

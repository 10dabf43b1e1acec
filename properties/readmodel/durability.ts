// acked-events-durable. Write-through: every event the application acknowledged is in the database's
// event table at the end of the run (as a restart would recover it), whatever crashed in between.
// Write-behind: an acknowledged event may be lost, but only to a death of the application (crash or
// power loss) while it waited in the write-behind queue; each death's **loss window** — how many
// acknowledged events it lost and how long the oldest of them had been acknowledged — is measured and
// reported, and the window must not exceed `writeDelayMicros` plus one batch (`storeTimeoutMicros`, the
// time a store request is given). That bound assumes the database answers: a window during which a store
// request went unanswered (database down, paused or cut off) or the application was paused is reported
// but not held to it. An acknowledged event missing with no death to explain it is always a violation.
// Does not verify: events that were never acknowledged (they may or may not be stored), or order.
import type { TimedFault } from '../../sim/faults.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import type { Violation } from '../violation.js';
import type { AckedAppend } from './history.js';
import type { ReadModelRecorder } from './recorder.js';

export interface LossWindow {
  deathMicros: Micros;
  kind: 'crash' | 'powerLoss';
  events: number;
  /** Death time minus the oldest lost event's acknowledgement (when the application sent it). */
  ageMicros: Micros;
  /** False when the database went unanswered or the application was paused in the window. */
  bounded: boolean;
}

export interface DurabilityInput {
  acked: readonly AckedAppend[];
  /** Event ids in the database's final event table. */
  stored: ReadonlySet<string>;
  faults: readonly TimedFault[];
  app: string;
  database: string;
  persistence: 'write-through' | 'write-behind';
  writeDelayMicros: Micros;
  storeTimeoutMicros: Micros;
  recorder: ReadModelRecorder;
}

const VIOLATIONS_MAX = 5;

export function ackedEventsDurable(input: DurabilityInput): { violations: Violation[]; windows: LossWindow[]; lost: number } {
  const deaths = input.faults.filter((each) => (each.fault.kind === 'crash' || each.fault.kind === 'powerLoss') && each.fault.node === input.app);
  const pauses = pauseIntervals(input.faults, input.app);
  const lost = input.acked.filter((event) => !input.stored.has(event.id));
  const violations: Violation[] = [];
  const describe = (event: AckedAppend): string => `event ${event.id} (${event.aggregate} seq ${event.seq}, c${event.process + 1})`;
  if (input.persistence === 'write-through') {
    for (const event of lost.slice(0, VIOLATIONS_MAX)) {
      const after = input.faults.filter((each) => each.atMicros >= event.invokedMicros && (each.fault.kind === 'crash' || each.fault.kind === 'powerLoss') && each.fault.node === input.database).slice(0, 3);
      const faults = after.map((each) => `${each.fault.kind} ${'node' in each.fault ? each.fault.node : ''} at ${formatMicros(each.atMicros)}`).join(', ');
      violations.push({ property: 'acked-events-durable', kind: 'correctness', atMicros: event.ackedMicros, message: `write-through acknowledged ${describe(event)} at ${formatMicros(event.ackedMicros)}, but it is not in the database's event table${faults === '' ? '' : ` (since it was sent: ${faults})`}` });
    }
    return { violations, windows: [], lost: lost.length };
  }
  // When the application acknowledged each lost event (the client heard of it a flight later, perhaps after the death).
  const sentMicros = (event: AckedAppend): Micros => input.recorder.acknowledgements.get(event.id) ?? event.ackedMicros;
  const byDeath = new Map<number, AckedAppend[]>();
  for (const event of lost) {
    const death = deaths.findIndex((each) => each.atMicros >= sentMicros(event));
    if (death < 0) {
      if (violations.length >= VIOLATIONS_MAX) continue;
      const dropped = input.recorder.droppedDetail(event.id);
      violations.push({ property: 'acked-events-durable', kind: 'correctness', atMicros: dropped?.atMicros ?? event.ackedMicros, message: `write-behind acknowledged ${describe(event)} at ${formatMicros(event.ackedMicros)}; it is not in the database and no crash of ${input.app} explains it${dropped === null ? '' : ` (dropped at ${formatMicros(dropped.atMicros)}: ${dropped.detail})`}${databaseDeaths(input.faults, input.database, event.invokedMicros, Number.MAX_SAFE_INTEGER)}` });
      continue;
    }
    const list = byDeath.get(death) ?? [];
    list.push(event);
    byDeath.set(death, list);
  }
  const boundMicros = input.writeDelayMicros + input.storeTimeoutMicros;
  const windows: LossWindow[] = [];
  for (const [index, events] of [...byDeath].sort(([a], [b]) => a - b)) {
    const death = deaths[index] as TimedFault;
    const oldest = Math.min(...events.map(sentMicros));
    const ageMicros = death.atMicros - oldest;
    const outage = input.recorder.flushTimedOutBetween(oldest, death.atMicros) || pauses.some(([from, to]) => from <= death.atMicros && to >= oldest);
    windows.push({ deathMicros: death.atMicros, kind: death.fault.kind === 'powerLoss' ? 'powerLoss' : 'crash', events: events.length, ageMicros, bounded: !outage });
    if (!outage && ageMicros > boundMicros && violations.length < VIOLATIONS_MAX) {
      const first = events.find((event) => sentMicros(event) === oldest) as AckedAppend;
      violations.push({ property: 'acked-events-durable', kind: 'correctness', atMicros: death.atMicros, message: `the ${death.fault.kind} of ${input.app} at ${formatMicros(death.atMicros)} lost ${events.length} acknowledged events, the oldest ${describe(first)} acknowledged ${formatMicros(ageMicros)} earlier: more than writeDelayMicros + one batch (${formatMicros(input.writeDelayMicros)} + ${formatMicros(input.storeTimeoutMicros)}) while the database answered${databaseDeaths(input.faults, input.database, oldest, death.atMicros)}` });
    }
  }
  return { violations, windows, lost: lost.length };
}

/** `; in between: powerLoss db at 1.2s` — the database's crashes between two times (the first three), or nothing. */
function databaseDeaths(faults: readonly TimedFault[], database: string, fromMicros: Micros, toMicros: Micros): string {
  const between = faults.filter((each) => each.atMicros >= fromMicros && each.atMicros <= toMicros && (each.fault.kind === 'crash' || each.fault.kind === 'powerLoss') && each.fault.node === database).slice(0, 3);
  return between.length === 0 ? '' : `; in between: ${between.map((each) => `${each.fault.kind} ${'node' in each.fault ? each.fault.node : ''} at ${formatMicros(each.atMicros)}`).join(', ')}`;
}

/** [pause, resume] intervals of a node (an unresumed pause lasts to the end). */
function pauseIntervals(faults: readonly TimedFault[], node: string): [Micros, Micros][] {
  const intervals: [Micros, Micros][] = [];
  let from: Micros | null = null;
  for (const { atMicros, fault } of faults) {
    if (fault.kind === 'pause' && fault.node === node && from === null) from = atMicros;
    if (((fault.kind === 'resume' && fault.node === node) || fault.kind === 'healAll') && from !== null) {
      intervals.push([from, atMicros]);
      from = null;
    }
  }
  if (from !== null) intervals.push([from, Number.MAX_SAFE_INTEGER]);
  return intervals;
}

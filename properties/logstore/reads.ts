// Properties of what the store served: payloads, a client's own writes, the highest sequence number.
// What they do not verify: the content of reads that failed or timed out, or whether a read saw a
// write that was concurrent with it (either answer is allowed).
import type { Violation } from '../violation.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import type { FinalLog } from './durability.js';
import type { AckedEvent, AppendedEvent, EventView, Operation } from './history.js';
import { clientId } from '../../sim/history.js';

const VIOLATIONS_MAX = 5;

/**
 * no-corrupted-payload: every event any read returned — and every event of the final recovered log —
 * carries exactly the data and stream a client appended under that event id. An id nobody appended,
 * or different data, means the store served damaged or invented content.
 */
export function noCorruptedPayload(operations: readonly Operation[], appended: ReadonlyMap<string, AppendedEvent>, final: FinalLog): Violation[] {
  const violations: Violation[] = [];
  // Runs for every event every read returned: the message is built only for a violation.
  const judge = (event: EventView, operation: Operation | null): void => {
    const original = appended.get(event.id);
    if (original !== undefined && original.data === event.data && original.streamId === event.streamId) return;
    if (violations.length >= VIOLATIONS_MAX) return;
    const where = operation === null ? `the recovered log of ${final.node}` : `a ${operation.f} by client ${clientId(operation.process)} at ${formatMicros(operation.completeMicros as Micros)}`;
    const at = operation === null ? {} : { atMicros: operation.completeMicros as Micros };
    if (original === undefined) {
      violations.push({ property: 'no-corrupted-payload', kind: 'correctness', message: `${where} returned event id ${JSON.stringify(event.id)} at position ${event.position}, which no client ever appended: corrupted content was served`, ...at });
    } else {
      violations.push({
        property: 'no-corrupted-payload',
        kind: 'correctness',
        message: `${where} returned event ${event.id} (position ${event.position}) with data ${JSON.stringify(event.data)} in stream ${event.streamId}, but it was appended with ${JSON.stringify(original.data)} to ${original.streamId}: corrupted content was served`,
        ...at,
      });
    }
  };
  for (const operation of operations) {
    if (operation.type !== 'ok' || (operation.f !== 'read' && operation.f !== 'readAll')) continue;
    const events = operation.result.events as EventView[];
    for (let index = 0; index < events.length; index++) judge(events[index] as EventView, operation);
  }
  for (let index = 0; index < final.events.length; index++) judge(final.events[index] as EventView, null);
  return violations;
}

/**
 * read-your-writes: after a client's append is acknowledged, a read of that stream the same client
 * invokes later returns a version at least as high, and — within the window it returned — the client's
 * acknowledged events that are not deleted, with their ids.
 */
export function readYourWrites(operations: readonly Operation[], acked: readonly AckedEvent[]): Violation[] {
  const violations: Violation[] = [];
  // Per (process, stream): acknowledged events in acknowledgement order (one operation at a time per
  // process, so this is also the order of that process's operations), with the running highest version.
  type Mine = { events: AckedEvent[]; highest: number[]; increasing: boolean };
  const mine: Map<string, Mine>[] = [];
  for (const event of acked) {
    const byStream = (mine[event.process] ??= new Map());
    const list = byStream.get(event.streamId);
    if (list === undefined) {
      byStream.set(event.streamId, { events: [event], highest: [event.version], increasing: true });
      continue;
    }
    const previous = list.highest[list.highest.length - 1] as number;
    if (event.version <= (list.events[list.events.length - 1] as AckedEvent).version) list.increasing = false;
    list.events.push(event);
    list.highest.push(Math.max(previous, event.version));
  }
  for (const operation of operations) {
    if (violations.length >= VIOLATIONS_MAX) break;
    if (operation.f !== 'read' || operation.type !== 'ok') continue;
    const list = mine[operation.process]?.get(operation.invoke.streamId);
    if (list === undefined) continue;
    const before = ackedBefore(list.events, operation.invokeMicros);
    if (before === 0) continue;
    const result = operation.result as { version: number; deletedTo: number; events: EventView[] };
    const highestMine = list.highest[before - 1] as number;
    if (result.version < highestMine) {
      violations.push({ property: 'read-your-writes', kind: 'correctness', message: `client ${clientId(operation.process)} read stream ${operation.invoke.streamId} at ${formatMicros(operation.invokeMicros)} and saw version ${result.version}, below the version ${highestMine} its own append was acknowledged with`, atMicros: operation.invokeMicros });
      continue;
    }
    const lastReturned = result.events.at(-1)?.version ?? 0;
    const full = result.events.length >= operation.invoke.maxCount;
    const low = Math.max(operation.invoke.fromVersion, result.deletedTo + 1);
    const high = full ? lastReturned : Number.MAX_SAFE_INTEGER;
    const firstReturned = result.events[0]?.version ?? 0;
    // Versions usually rise with acknowledgement order; then the window starts at a binary search.
    for (let index = list.increasing ? firstAtLeast(list.events, low, before) : 0; index < before; index++) {
      const event = list.events[index] as AckedEvent;
      if (event.version < low) continue;
      if (event.version > high) {
        if (list.increasing) break;
        continue;
      }
      const returned = result.events[event.version - firstReturned];
      if (returned === undefined || returned.version !== event.version || returned.id !== event.id) {
        violations.push({ property: 'read-your-writes', kind: 'correctness', message: `client ${clientId(operation.process)} appended ${event.id} as version ${event.version} of stream ${event.streamId} (acknowledged at ${formatMicros(event.ackedMicros)}), but its read at ${formatMicros(operation.invokeMicros)} returned ${returned === undefined ? 'nothing' : `event ${returned.id} version ${returned.version}`} there`, atMicros: operation.invokeMicros });
        break;
      }
    }
  }
  return violations;
}

/** The first index below `end` of `events` (versions increasing) whose version is >= `version`. */
function firstAtLeast(events: readonly AckedEvent[], version: number, end: number): number {
  let low = 0;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle] as AckedEvent).version < version) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of `list` (in acknowledgement order) were acknowledged at or before `micros`. */
function ackedBefore(list: readonly AckedEvent[], micros: Micros): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as AckedEvent).ackedMicros <= micros) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * highest-never-decreases: per stream, once any operation has completed having observed highest
 * sequence number h (an acknowledged append's last version, a read's version), every operation invoked
 * afterwards observes at least h — across deletes, crashes and recoveries.
 */
export function highestNeverDecreases(operations: readonly Operation[]): Violation[] {
  // An idempotent acknowledgement names where the retried events already are, not the stream's
  // current highest, so it raises the floor but is not judged against it.
  type Observation = { streamId: string; highest: number; invoked: Micros; completed: Micros; operation: Operation; judged: boolean; floor: Observation | undefined };
  const observations: Observation[] = [];
  for (const operation of operations) {
    if (operation.type !== 'ok') continue;
    const invoked = operation.invokeMicros;
    const completed = operation.completeMicros as Micros;
    if (operation.f === 'append') observations.push({ streamId: operation.invoke.streamId, highest: operation.result.lastVersion, invoked, completed, operation, judged: operation.result.idempotent !== true, floor: undefined });
    else if (operation.f === 'read') observations.push({ streamId: operation.invoke.streamId, highest: operation.result.version, invoked, completed, operation, judged: true, floor: undefined });
  }
  // Sweep in time: completions raise the floor, invocations are judged against the floor at that
  // time; at equal times completions come first. Observations are in invocation order already.
  const byCompletion = observations.slice().sort((a, b) => a.completed - b.completed);
  const floor = new Map<string, Observation>();
  const violations: Violation[] = [];
  let invoked = 0;
  for (const observation of byCompletion) {
    const completed = observation.completed;
    while (invoked < observations.length && (observations[invoked] as Observation).invoked < completed) {
      const next = observations[invoked++] as Observation;
      next.floor = floor.get(next.streamId);
    }
    const before = observation.floor;
    if (observation.judged && before !== undefined && observation.highest < before.highest && violations.length < VIOLATIONS_MAX) {
      violations.push({
        property: 'highest-never-decreases',
        kind: 'correctness',
        message: `stream ${observation.streamId}: client ${clientId(before.operation.process)}'s ${before.operation.f} completed at ${formatMicros(before.operation.completeMicros as Micros)} with highest sequence number ${before.highest}, then client ${clientId(observation.operation.process)}'s ${observation.operation.f} invoked at ${formatMicros(observation.operation.invokeMicros)} saw ${observation.highest}`,
        atMicros: observation.operation.completeMicros as Micros,
      });
    }
    const current = floor.get(observation.streamId);
    if (current === undefined || observation.highest > current.highest) floor.set(observation.streamId, observation);
  }
  return violations;
}

// Properties of stream versions: contiguous, and never handed out twice.
// What they do not verify: global positions beyond their uniqueness in the final log (that is
// acked-appends-durable's job), or anything about deleted events' content.
import type { Violation } from '../violation.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import type { FinalLog } from './durability.js';
import type { AckedEvent, EventView, Operation } from './history.js';
import { clientId } from '../../sim/history.js';

const VIOLATIONS_MAX = 5;

/**
 * stream-versions-contiguous: a stream's versions are 1, 2, 3, … with no gap: in every successful read
 * (consecutive versions, none below the requested one), in every acknowledgement (a batch of n events
 * spans n versions), and in the final recovered log (per stream, in position order).
 */
export function streamVersionsContiguous(operations: readonly Operation[], final: FinalLog): Violation[] {
  const violations: Violation[] = [];
  const push = (message: string, atMicros?: Micros): void => {
    if (violations.length < VIOLATIONS_MAX) violations.push({ property: 'stream-versions-contiguous', kind: 'correctness', message, ...(atMicros === undefined ? {} : { atMicros }) });
  };
  for (const operation of operations) {
    if (operation.type !== 'ok') continue;
    if (operation.f === 'append') {
      const span = operation.result.lastVersion - operation.result.firstVersion + 1;
      if (span !== operation.invoke.events.length) push(`client ${clientId(operation.process)}'s append of ${operation.invoke.events.length} events to stream ${operation.invoke.streamId} was acknowledged with versions ${operation.result.firstVersion}..${operation.result.lastVersion} at ${formatMicros(operation.completeMicros as Micros)}: not contiguous`, operation.completeMicros as Micros);
      continue;
    }
    if (operation.f !== 'read') continue;
    const events = operation.result.events as EventView[];
    const fromVersion = operation.invoke.fromVersion as number;
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as EventView;
      const previous = events[index - 1];
      if (previous !== undefined && event.version !== previous.version + 1) push(`client ${clientId(operation.process)}'s read of stream ${operation.invoke.streamId} at ${formatMicros(operation.invokeMicros)} returned version ${event.version} right after version ${previous.version}`, operation.invokeMicros);
      if (event.version < fromVersion) push(`client ${clientId(operation.process)}'s read of stream ${operation.invoke.streamId} from version ${fromVersion} returned version ${event.version}`, operation.invokeMicros);
    }
  }
  const lastVersion = new Map<string, EventView>();
  for (const event of final.events) {
    const previous = lastVersion.get(event.streamId);
    const expected = previous === undefined ? 1 : previous.version + 1;
    if (event.version !== expected) push(`in the recovered log of ${final.node}, stream ${event.streamId} has version ${event.version} at position ${event.position} where version ${expected} should follow${previous === undefined ? '' : ` version ${previous.version} at position ${previous.position}`}`);
    lastVersion.set(event.streamId, event);
  }
  return violations;
}

/**
 * no-conflicting-appends: no two different events are ever acknowledged at the same version of one
 * stream (two appends with the same expected version cannot both succeed, and versions are never
 * reused), and the final log holds no two events at one (stream, version).
 */
export function noConflictingAppends(acked: readonly AckedEvent[], final: FinalLog): Violation[] {
  const violations: Violation[] = [];
  // Per stream, by version (versions are small integers: plain arrays, no composite keys).
  const byVersion = new Map<string, AckedEvent[]>();
  for (const event of acked) {
    const versions = mapGet(byVersion, event.streamId);
    const other = versions[event.version];
    if (other === undefined) {
      versions[event.version] = event;
      continue;
    }
    if (other.id !== event.id && violations.length < VIOLATIONS_MAX) {
      violations.push({
        property: 'no-conflicting-appends',
        kind: 'correctness',
        message: `stream ${event.streamId} version ${event.version} was acknowledged twice with different events: ${other.id} (client ${clientId(other.process)}, at ${formatMicros(other.ackedMicros)}) and ${event.id} (client ${clientId(event.process)}, at ${formatMicros(event.ackedMicros)})`,
        atMicros: event.ackedMicros,
      });
    }
  }
  const stored = new Map<string, EventView[]>();
  for (const event of final.events) {
    const versions = mapGet(stored, event.streamId);
    const other = versions[event.version];
    if (other !== undefined && violations.length < VIOLATIONS_MAX) {
      violations.push({ property: 'no-conflicting-appends', kind: 'correctness', message: `the recovered log of ${final.node} holds two events at stream ${event.streamId} version ${event.version}: ${other.id} (position ${other.position}) and ${event.id} (position ${event.position})` });
    }
    versions[event.version] = event;
  }
  return violations;
}

/** The list kept under `key`, created empty on first use. */
function mapGet<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/**
 * read-all-never-skips: a read of the whole log from position p returns positions p+1, p+2, … with no
 * gap (exclusive of p, never passing over a committed event), and a later read never returns fewer
 * committed positions than an earlier completed one had (the committed prefix only grows).
 */
export function readAllNeverSkips(operations: readonly Operation[]): Violation[] {
  const violations: Violation[] = [];
  let committed: { position: number; operation: Operation } | null = null;
  const floorAtInvoke = new Map<Operation, number>();
  const reads = operations.filter((operation) => operation.f === 'readAll' && operation.type === 'ok');
  // Judge in completion order against what had completed before each read was invoked.
  const byCompletion = [...reads].sort((a, b) => (a.completeMicros as Micros) - (b.completeMicros as Micros));
  let cursor = 0;
  for (const operation of reads) {
    while (cursor < byCompletion.length && ((byCompletion[cursor] as Operation).completeMicros as Micros) < operation.invokeMicros) {
      const done = byCompletion[cursor] as Operation;
      if (committed === null || done.result.committedPosition > committed.position) committed = { position: done.result.committedPosition, operation: done };
      cursor++;
    }
    floorAtInvoke.set(operation, committed?.position ?? 0);
    const events = operation.result.events as EventView[];
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as EventView;
      const expected = operation.invoke.afterPosition + 1 + index;
      if (event.position !== expected && violations.length < VIOLATIONS_MAX) violations.push({ property: 'read-all-never-skips', kind: 'correctness', message: `client ${clientId(operation.process)}'s read of all events after position ${operation.invoke.afterPosition} at ${formatMicros(operation.invokeMicros)} returned position ${event.position} where ${expected} was due`, atMicros: operation.invokeMicros });
    }
    const floor = floorAtInvoke.get(operation) ?? 0;
    if (!operation.result.corrupt && operation.result.committedPosition < floor && violations.length < VIOLATIONS_MAX) {
      violations.push({ property: 'read-all-never-skips', kind: 'correctness', message: `client ${clientId(operation.process)}'s read of all events invoked at ${formatMicros(operation.invokeMicros)} saw the log committed only to position ${operation.result.committedPosition}, but an earlier read had seen position ${floor} committed`, atMicros: operation.invokeMicros });
    }
  }
  return violations;
}

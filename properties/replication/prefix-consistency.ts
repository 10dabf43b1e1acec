// prefix-consistency: a cheap, sound-but-incomplete stand-in for a full linearizability check of the
// stream histories. Per stream, with the final committed log as the reference order:
// - every successful read returns a prefix of the final stream;
// - every successful append's event sits in the final stream at the version it was acknowledged with;
// - a failed append never took effect;
// - real time: a read sees every append acknowledged before the read was invoked, and never less than a
//   read that completed before it was invoked (no stale reads).
// What it does not verify: orderings among concurrent operations beyond these rules, or `info`
// operations (they may or may not have happened). The linearizability checker covers both.
import type { ReplicaState } from '../../models/replication/observer.js';
import type { HistoryEvent } from '../../sim/history.js';
import { clientId } from '../../sim/history.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import type { Violation } from '../violation.js';

const property = 'linearizable-reads';
const violationsMax = 3;

export function committedStreams(state: ReplicaState): Map<string, string[]> {
  const streams = new Map<string, string[]>();
  const committed = Math.min(state.committedLength, state.log.length);
  for (let index = 1; index <= committed; index++) {
    const entry = state.log[index - 1];
    if (entry === null || entry === undefined || entry.kind !== 'append') continue;
    let stream = streams.get(entry.stream);
    if (stream === undefined) streams.set(entry.stream, (stream = []));
    stream.push(entry.eventId);
  }
  return streams;
}

interface Completed {
  process: number;
  f: string;
  stream: string;
  invokedMicros: Micros;
  completedMicros: Micros;
  type: 'ok' | 'fail' | 'info';
  node: string;
  value: { events?: string[]; version?: number };
}

function pairOperations(history: readonly HistoryEvent[]): Completed[] {
  const open = new Map<number, HistoryEvent>();
  const completed: Completed[] = [];
  for (const event of history) {
    if (event.type === 'invoke') {
      open.set(event.process, event);
      continue;
    }
    const invoke = open.get(event.process);
    open.delete(event.process);
    if (invoke === undefined) continue;
    completed.push({ process: event.process, f: event.f, stream: event.key ?? '', invokedMicros: invoke.time, completedMicros: event.time, type: event.type, node: event.node ?? '?', value: event.value as Completed['value'] });
  }
  return completed;
}

export function prefixConsistency(history: readonly HistoryEvent[], reference: ReplicaState | null): Violation[] {
  const violations: Violation[] = [];
  const operations = pairOperations(history);
  const streams = reference === null ? null : committedStreams(reference);
  const report = (message: string, atMicros: Micros): boolean => {
    violations.push({ property, kind: 'correctness', message, atMicros });
    return violations.length >= violationsMax;
  };
  if (streams !== null) {
    for (const operation of operations) {
      const final = streams.get(operation.stream) ?? [];
      if (operation.f === 'read' && operation.type === 'ok') {
        const events = operation.value.events ?? [];
        const mismatch = events.findIndex((eventId, index) => final[index] !== eventId);
        if (mismatch >= 0 || events.length > final.length) {
          const at = mismatch >= 0 ? mismatch : final.length;
          if (report(`client ${clientId(operation.process)} read stream ${operation.stream} from ${operation.node} at ${formatMicros(operation.completedMicros)} with ${events[at] ?? 'nothing'} at version ${at + 1}, but the final committed stream holds ${final[at] ?? 'nothing'} there`, operation.completedMicros)) return violations;
        }
      }
      if (operation.f === 'append' && operation.type !== 'info') {
        const eventId = (operation.value as { events: string[] }).events[0] as string;
        const at = final.indexOf(eventId);
        if (operation.type === 'fail' && at >= 0) {
          if (report(`client ${clientId(operation.process)}'s append of ${eventId} to ${operation.stream} failed at ${formatMicros(operation.completedMicros)}, yet the event is committed at version ${at + 1}`, operation.completedMicros)) return violations;
        }
        if (operation.type === 'ok' && at >= 0 && at + 1 !== operation.value.version) {
          if (report(`client ${clientId(operation.process)}'s append of ${eventId} was acknowledged as version ${operation.value.version} of ${operation.stream} at ${formatMicros(operation.completedMicros)}, but it is committed as version ${at + 1}`, operation.completedMicros)) return violations;
        }
      }
    }
  }
  // Real-time order, per stream: appends and reads completed before a read's invocation bound what it
  // must see. Reads are prefixes of the final stream (checked above), so "sees event e" is "is longer
  // than e's final position", and one running maximum per stream suffices.
  if (streams === null) return violations;
  const byStream = new Map<string, Completed[]>();
  for (const operation of operations) {
    if (operation.type !== 'ok') continue;
    let list = byStream.get(operation.stream);
    if (list === undefined) byStream.set(operation.stream, (list = []));
    list.push(operation);
  }
  for (const [stream, list] of [...byStream].sort(([a], [b]) => a.localeCompare(b))) {
    const final = streams.get(stream) ?? [];
    const finalPosition = new Map<string, number>(final.map((eventId, index) => [eventId, index + 1]));
    const byCompletion = [...list].sort((a, b) => a.completedMicros - b.completedMicros);
    const reads = list.filter((each) => each.f === 'read').sort((a, b) => a.invokedMicros - b.invokedMicros);
    let cursor = 0;
    let required: { length: number; because: Completed } | null = null;
    for (const read of reads) {
      while (cursor < byCompletion.length && (byCompletion[cursor] as Completed).completedMicros < read.invokedMicros) {
        const done = byCompletion[cursor++] as Completed;
        const length = done.f === 'read' ? (done.value.events?.length ?? 0) : (finalPosition.get((done.value as { events: string[] }).events[0] as string) ?? 0);
        if (required === null || length > required.length) required = { length, because: done };
      }
      const length = read.value.events?.length ?? 0;
      if (required === null || length >= required.length) continue;
      const because = required.because;
      const message =
        because.f === 'append'
          ? `stale read: client ${clientId(read.process)} read stream ${stream} from ${read.node} (invoked ${formatMicros(read.invokedMicros)}) without event ${(because.value as { events: string[] }).events[0]}, whose append was acknowledged to client ${clientId(because.process)} by ${because.node} at ${formatMicros(because.completedMicros)}`
          : `stale read: client ${clientId(read.process)} read ${length} events of ${stream} from ${read.node} (invoked ${formatMicros(read.invokedMicros)}), after client ${clientId(because.process)} had read ${required.length} from ${because.node} (completed ${formatMicros(because.completedMicros)})`;
      if (report(message, read.completedMicros)) return violations;
    }
  }
  return violations;
}

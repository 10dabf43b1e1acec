// What makes two log entries "the same" for the replication properties: every field a client or a
// replica can observe. Written here, apart from the model's slot codec, so a judge never borrows the
// code it judges (a codec bug that drops a field would otherwise hide itself).
import type { LogEntry } from '../../models/replication/entry.js';

/** A stable fingerprint of an entry: index, term, previous term, kind and the append it carries. */
export function entryIdentity(entry: LogEntry): string {
  if (entry.kind === 'noop') return `${entry.index}:${entry.term}<${entry.previousTerm}:noop`;
  return `${entry.index}:${entry.term}<${entry.previousTerm}:${entry.stream}:${entry.eventId}:${entry.version}:${entry.client}`;
}

export function sameEntry(x: LogEntry, y: LogEntry): boolean {
  return x === y || entryIdentity(x) === entryIdentity(y);
}

// The journal + snapshot store facade over LogStore, with the semantics of JOURNAL_CONTRACT.md (the
// Akka.NET persistence journal and snapshot store roles). A persistence id is a stream; a sequence
// number is a stream version; an event's id is `<persistenceId>:<sequenceNr>`, so a rewrite of the
// same sequence numbers is an idempotent retry, never a duplicate.
//
// Rejection versus failure: a problem found before storing (an unserialisable payload, sequence numbers
// that are not consecutive or do not follow the stored ones) rejects only its own atomic write; a
// storage problem (the store is recovering or corrupt, or damage was found while writing) fails the
// whole call, because then it is no longer certain what was stored.
import type { EventData } from './codec.js';
import type { AppendResult, LogStore, Snapshot, SnapshotCriteria, WriteResult } from './store.js';

export interface PersistentRepr {
  persistenceId: string;
  sequenceNr: number;
  payload: unknown;
  /** The event's type name (Akka's manifest). */
  manifest?: string;
}

export interface AtomicWrite {
  persistenceId: string;
  payload: PersistentRepr[];
}

export type WriteMessagesResult = { ok: true; results: (null | { rejected: string })[] } | { ok: false; error: string };

export type ReplayResult = { ok: true; events: PersistentRepr[]; highestSequenceNr: number } | { ok: false; error: string };

export type FacadeWriteResult = { ok: true } | { ok: false; error: string };

export interface SnapshotMetadata {
  persistenceId: string;
  sequenceNr: number;
  timestamp: number;
}

const DEPTH_MAX = 64;

/** Null when `value` can be stored (msgpack-able plain data), otherwise why not. */
export function whyNotSerialisable(value: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (depth > DEPTH_MAX) return `nested deeper than ${DEPTH_MAX}`;
    const kind = typeof current;
    if (kind === 'function' || kind === 'symbol' || kind === 'bigint') return `a ${kind} cannot be serialised`;
    if (current === null || kind !== 'object') continue;
    if (current instanceof Uint8Array) continue;
    const prototype = Object.getPrototypeOf(current);
    if (!Array.isArray(current) && prototype !== Object.prototype && prototype !== null) return `an instance of ${(current as object).constructor?.name ?? 'a class'} cannot be serialised`;
    for (const child of Object.values(current as object)) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

export class Journal {
  constructor(readonly store: LogStore) {}

  writeMessages(writes: readonly AtomicWrite[], done: (result: WriteMessagesResult) => void): void {
    const results: (null | { rejected: string })[] = writes.map(() => null);
    let failure: string | null = null;
    let waiting = 1;
    const finish = (): void => {
      waiting--;
      if (waiting > 0) return;
      done(failure !== null ? { ok: false, error: failure } : { ok: true, results });
    };
    writes.forEach((write, index) => {
      const rejection = validateAtomicWrite(write);
      if (rejection !== null) {
        results[index] = { rejected: rejection };
        return;
      }
      const first = (write.payload[0] as PersistentRepr).sequenceNr;
      const events: EventData[] = write.payload.map((repr) => ({ id: `${repr.persistenceId}:${repr.sequenceNr}`, type: repr.manifest ?? '', data: repr.payload }));
      waiting++;
      this.store.append(write.persistenceId, events, first - 1, (result: AppendResult) => {
        if (!result.ok) {
          if (result.reason === 'wrong-expected-version' || result.reason === 'idempotency-conflict' || result.reason === 'rejected') {
            results[index] = { rejected: describeAppendFailure(result) };
          } else {
            failure ??= describeAppendFailure(result);
          }
        }
        finish();
      });
    });
    finish();
  }

  /** Events of `persistenceId` with from <= sequenceNr <= to, at most `max`, plus the highest sequence number. */
  replayMessages(persistenceId: string, fromSequenceNr: number, toSequenceNr: number, max: number): ReplayResult {
    const highest = this.store.highestVersion(persistenceId);
    if (typeof highest !== 'number') return { ok: false, error: `store ${highest.reason}` };
    if (max <= 0 || fromSequenceNr > toSequenceNr) return { ok: true, events: [], highestSequenceNr: highest };
    const read = this.store.readStream(persistenceId, Math.max(fromSequenceNr, 1), max);
    if (!read.ok) return { ok: false, error: `store ${read.reason}` };
    const events = read.events.filter((event) => event.version <= toSequenceNr).map((event) => ({ persistenceId, sequenceNr: event.version, payload: event.data, manifest: event.type }));
    return { ok: true, events, highestSequenceNr: read.version };
  }

  readHighestSequenceNr(persistenceId: string): { ok: true; highestSequenceNr: number } | { ok: false; error: string } {
    const highest = this.store.highestVersion(persistenceId);
    return typeof highest === 'number' ? { ok: true, highestSequenceNr: highest } : { ok: false, error: `store ${highest.reason}` };
  }

  deleteMessagesTo(persistenceId: string, toSequenceNr: number, done: (result: FacadeWriteResult) => void): void {
    this.store.deleteTo(persistenceId, Math.max(0, Math.min(toSequenceNr, Number.MAX_SAFE_INTEGER)), (result) => done(facadeResult(result)));
  }
}

export class SnapshotStore {
  constructor(readonly store: LogStore) {}

  save(metadata: SnapshotMetadata, snapshot: unknown, done: (result: FacadeWriteResult) => void): void {
    const why = whyNotSerialisable(snapshot);
    if (why !== null) return done({ ok: false, error: `rejected: ${why}` });
    this.store.saveSnapshot({ ...metadata, data: snapshot }, (result) => done(facadeResult(result)));
  }

  /** The newest snapshot matching the criteria (inclusive bounds), or null. */
  load(persistenceId: string, criteria: SnapshotCriteria = {}): { ok: true; snapshot: { metadata: SnapshotMetadata; snapshot: unknown } | null } | { ok: false; error: string } {
    const loaded = this.store.loadSnapshot(persistenceId, criteria);
    if (!loaded.ok) return { ok: false, error: `store ${loaded.reason}` };
    const found: Snapshot | null = loaded.snapshot;
    return { ok: true, snapshot: found === null ? null : { metadata: { persistenceId, sequenceNr: found.sequenceNr, timestamp: found.timestamp }, snapshot: found.data } };
  }

  /** Deletes the snapshot of `persistenceId` at `sequenceNr` (any timestamp). */
  delete(metadata: { persistenceId: string; sequenceNr: number }, done: (result: FacadeWriteResult) => void): void {
    this.store.deleteSnapshots(metadata.persistenceId, { minSequenceNr: metadata.sequenceNr, maxSequenceNr: metadata.sequenceNr }, (result) => done(facadeResult(result)));
  }

  deleteMatching(persistenceId: string, criteria: SnapshotCriteria, done: (result: FacadeWriteResult) => void): void {
    this.store.deleteSnapshots(persistenceId, criteria, (result) => done(facadeResult(result)));
  }
}

function validateAtomicWrite(write: AtomicWrite): string | null {
  if (write.payload.length === 0) return 'an atomic write holds at least one event';
  let expected = (write.payload[0] as PersistentRepr).sequenceNr;
  if (!Number.isSafeInteger(expected) || expected < 1) return `sequence number ${expected} is not a positive integer`;
  for (const repr of write.payload) {
    if (repr.persistenceId !== write.persistenceId) return `event of ${repr.persistenceId} in an atomic write of ${write.persistenceId}`;
    if (repr.sequenceNr !== expected) return `sequence numbers must be consecutive (got ${repr.sequenceNr}, expected ${expected})`;
    const why = whyNotSerialisable(repr.payload);
    if (why !== null) return `event ${repr.sequenceNr}: ${why}`;
    expected++;
  }
  return null;
}

function describeAppendFailure(result: Exclude<AppendResult, { ok: true }>): string {
  switch (result.reason) {
    case 'wrong-expected-version':
      return `sequence number conflict: expected the stream at ${String(result.expected)}, it is at ${result.actual}`;
    case 'idempotency-conflict':
    case 'rejected':
      return `${result.reason}: ${result.detail}`;
    case 'unavailable':
      return 'store unavailable (recovering)';
    case 'corrupt':
      return `store corrupt at ${result.corruption.file}@${result.corruption.offset}: ${result.corruption.reason}`;
  }
}

function facadeResult(result: WriteResult): FacadeWriteResult {
  if (result.ok) return { ok: true };
  if (result.reason === 'rejected') return { ok: false, error: `rejected: ${result.detail}` };
  if (result.reason === 'unavailable') return { ok: false, error: 'store unavailable (recovering)' };
  return { ok: false, error: `store corrupt at ${result.corruption.file}@${result.corruption.offset}: ${result.corruption.reason}` };
}

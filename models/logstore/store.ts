// LogStore: the seed's custom append-only store (seeds/001), done right. Usable inside any node: give
// it the node's disk, options (durability, segment size, a timer source for group commit) and call
// `recover()` once in the node factory before anything else.
//
// Guarantees (the planted bugs in bugs.ts each break one of them):
// - An append is acknowledged only after the fsync that covers its record — and every earlier record —
//   has completed (`fsync`, `group`); in `none` mode right after the write (the seed's unsafe design).
// - Events become visible to reads and subscriptions in the same order and at the same moment they are
//   acknowledged (the committed prefix), so a reader never sees a write that a power loss could undo
//   and a catch-up subscription never skips a position.
// - One append is one framed record: after any crash, recovery shows all of its events or none.
// - Idempotency keys (event ids) are rebuilt from the log on recovery: a retry after a restart is
//   recognised, not duplicated.
// - Every write is read back: a write the disk put somewhere else (misdirected) is detected at once.
// - Recovery verifies every checksum and the lsn chain; a torn tail is cut (and the cut made durable
//   before any new write); damage is reported as `corruption`, and the store then refuses to serve
//   anything past it and refuses writes — it never skips over it.
//
// Callbacks: `done` may be called synchronously (rejections, `none` mode) or later (after an fsync).
// The write path (segments, lsns, read-back, durability, commit order) is in segment-writer.ts; the
// store keeps the indexes, reads, subscriptions and recovery.
import { assert } from '../../sim/assert.js';
import type { NodeDisk, TimerHandle } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import { encodePayload, FRAME_HEADER_BYTES, SEGMENT_HEADER_BYTES, type EventData, type LogRecord } from './codec.js';
import { scanLog, type Corruption, type TornTail } from './recovery.js';
import type { LogStoreBug } from './bugs.js';
import type { ScanCache } from './scan-cache.js';
import { SegmentWriter, type PendingRecord } from './segment-writer.js';
import { resolveCriteria, SnapshotIndex, type Snapshot, type SnapshotCriteria } from './snapshots.js';

export type { Snapshot, SnapshotCriteria } from './snapshots.js';

export type Durability = 'fsync' | 'group' | 'none';
export const durabilityModes: readonly Durability[] = ['fsync', 'group', 'none'];

export interface TimerSource {
  setTimer(delayMicros: Micros, label: string, fire: () => void): TimerHandle;
  cancelTimer(handle: TimerHandle): void;
}

export interface LogStoreOptions {
  durability: Durability;
  /** Segment file prefix, so several stores can share a disk. Default `log`. */
  filePrefix?: string;
  /** Rotate to a new segment when the next frame would pass this size. Default 1 MiB. */
  segmentBytesMax?: number;
  /** Group commit: fsync this long after the first unsynced append. Default 2 ms. */
  groupWindowMicros?: Micros;
  /** Group commit: fsync at once when this many records wait. Default 64. */
  groupRecordsMax?: number;
  /** Events per append. Default 1000. */
  batchEventsMax?: number;
  /** Records written but not yet acknowledged; past it appends answer `unavailable`. Default 10000. */
  pendingRecordsMax?: number;
  /** Required for `group` durability. */
  timers?: TimerSource;
  /** Planted bugs (off by default). */
  bugs?: ReadonlySet<string>;
  /** Recover without repairing anything (no cut, no fsync) and take no appends (no idempotency index is built): for checkers that inspect a disk. */
  readOnly?: boolean;
  /** Shared by every store recovered from one disk, so unchanged segments are not decoded again. */
  scanCache?: ScanCache;
  log?: (text: string) => void;
}

export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface StoredEvent {
  /** Global position in the log, from 1, contiguous. */
  readonly position: number;
  readonly streamId: string;
  /** Version within the stream, from 1, contiguous. */
  readonly version: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly lsn: number;
}

export type StoreState = 'recovering' | 'ready' | 'corrupt';

export type AppendResult =
  | { ok: true; firstVersion: number; lastVersion: number; firstPosition: number; lastPosition: number; idempotent: boolean }
  | { ok: false; reason: 'wrong-expected-version'; expected: ExpectedVersion; actual: number }
  | { ok: false; reason: 'idempotency-conflict'; detail: string }
  | { ok: false; reason: 'rejected'; detail: string }
  | { ok: false; reason: 'unavailable' }
  /** `indeterminate`: the record may or may not be on disk (the store found damage while writing it). */
  | { ok: false; reason: 'corrupt'; indeterminate: boolean; corruption: Corruption };

export type WriteResult = { ok: true } | { ok: false; reason: 'unavailable' } | { ok: false; reason: 'rejected'; detail: string } | { ok: false; reason: 'corrupt'; indeterminate: boolean; corruption: Corruption };

export type ReadFailure = { ok: false; reason: 'unavailable' } | { ok: false; reason: 'corrupt'; corruption: Corruption };

export type StreamRead = { ok: true; events: StoredEvent[]; version: number; deletedTo: number } | ReadFailure;

/** `corruption` set: the log is readable only up to `corruption.lastGoodPosition`; nothing past it is served. */
export type AllRead = { ok: true; events: StoredEvent[]; committedPosition: number; corruption: Corruption | null } | { ok: false; reason: 'unavailable' };

export interface RecoveryReport {
  segments: number;
  records: number;
  events: number;
  lastLsn: number;
  lastPosition: number;
  tornTail: TornTail | null;
  removedSegments: string[];
  corruption: Corruption | null;
}

export interface Subscription {
  close(): void;
}

interface StreamState {
  /** Write side: includes records written but not yet committed. */
  version: number;
  /** Read side. */
  committedVersion: number;
  deletedTo: number;
  /** Every event (committed and pending) in version order. */
  events: StoredEvent[];
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

export class LogStore {
  readonly durability: Durability;
  readonly prefix: string;
  private readonly batchEventsMax: number;
  private readonly pendingRecordsMax: number;
  private readonly bugs: ReadonlySet<string>;
  private stateValue: StoreState = 'recovering';
  private corruptionValue: Corruption | null = null;
  private reportValue: RecoveryReport | null = null;

  private readonly streams = new Map<string, StreamState>();
  /** All events by position - 1 (committed first, then pending). */
  private readonly log: StoredEvent[] = [];
  private readonly ids = new Map<string, StoredEvent>();
  private committedPositionValue = 0;
  private readonly snapshots = new SnapshotIndex();

  /** Segments, lsns, uncommitted records, durability and commit order. */
  private readonly writer: SegmentWriter;
  private readonly subscribers = new Set<{ cursor: number; onEvent: (event: StoredEvent) => void }>();

  constructor(
    private readonly disk: NodeDisk,
    private readonly options: LogStoreOptions,
  ) {
    this.durability = options.durability;
    this.prefix = options.filePrefix ?? 'log';
    const segmentBytesMax = options.segmentBytesMax ?? 1024 * 1024;
    this.batchEventsMax = options.batchEventsMax ?? 1_000;
    this.pendingRecordsMax = options.pendingRecordsMax ?? 10_000;
    this.bugs = options.bugs ?? new Set();
    assert(segmentBytesMax > SEGMENT_HEADER_BYTES + FRAME_HEADER_BYTES, 'segmentBytesMax too small');
    assert(this.durability !== 'group' || options.timers !== undefined || options.readOnly === true, 'group durability needs options.timers');
    this.writer = new SegmentWriter(
      disk,
      {
        durability: this.durability,
        prefix: this.prefix,
        segmentBytesMax,
        groupWindowMicros: options.groupWindowMicros ?? 2_000,
        groupRecordsMax: options.groupRecordsMax ?? 64,
        timers: options.timers,
        bugs: this.bugs,
        cache: options.scanCache,
        verifyChecksums: !this.bugs.has('skip-checksum'),
      },
      {
        state: () => this.stateValue,
        corruption: () => this.corruptionValue,
        declareCorrupt: (corruption) => this.declareCorrupt(corruption),
        positionThroughLsn: (lsn) => this.positionThroughLsn(lsn),
      },
    );
  }

  get state(): StoreState {
    return this.stateValue;
  }

  get corruption(): Corruption | null {
    return this.corruptionValue;
  }

  get report(): RecoveryReport | null {
    return this.reportValue;
  }

  /** The highest committed global position. */
  get committedPosition(): number {
    return this.committedPositionValue;
  }

  private has(bug: LogStoreBug): boolean {
    return this.bugs.has(bug);
  }

  // --- recovery ---

  /**
   * Scans the disk, rebuilds every index, cuts a torn tail and makes the cut durable. `onReady` runs
   * once the store accepts writes (after that fsync; at once if nothing needed repair). Call once.
   */
  recover(onReady?: (report: RecoveryReport) => void): RecoveryReport {
    assert(this.reportValue === null, 'recover() called twice');
    const scan = scanLog(this.disk, { prefix: this.prefix, verifyChecksums: !this.has('skip-checksum'), ...(this.options.scanCache === undefined ? {} : { cache: this.options.scanCache }) });
    for (const record of scan.records) this.applyRecovered(record);
    this.committedPositionValue = this.log.length;
    for (const stream of this.streams.values()) stream.committedVersion = stream.version;
    const lastLsn = scan.records.length;
    const lastSegment = scan.segments.at(-1);
    const report: RecoveryReport = {
      segments: scan.segments.length,
      records: scan.records.length,
      events: this.log.length,
      lastLsn,
      lastPosition: this.log.length,
      tornTail: scan.tornTail,
      removedSegments: [],
      corruption: scan.corruption,
    };
    this.reportValue = report;
    if (scan.corruption !== null) {
      this.writer.resume(lastLsn, [], 0);
      scan.corruption.lastGoodPosition = this.log.length;
      this.declareCorrupt(scan.corruption);
      onReady?.(report);
      return report;
    }
    if (this.options.readOnly === true) {
      // Nothing to continue: a read-only store only inspects the disk.
      this.writer.resume(lastLsn, [], 0);
      this.stateValue = 'ready';
      onReady?.(report);
      return report;
    }
    for (const name of scan.segmentsToRemove) {
      this.disk.remove(name);
      report.removedSegments.push(name);
    }
    const cutLive = scan.tornTail !== null && !scan.segmentsToRemove.includes(scan.tornTail.file);
    if (cutLive && !this.has('no-torn-tail-truncation')) {
      const tail = scan.tornTail as TornTail;
      this.disk.truncate(tail.file, tail.offset);
    }
    // Without the cut (the planted bug) the next write goes at the end of the file, past the torn bytes.
    const writeOffset = lastSegment === undefined ? 0 : this.has('no-torn-tail-truncation') ? this.disk.size(lastSegment.name) : lastSegment.goodBytes;
    this.writer.resume(lastLsn, scan.segments, writeOffset);
    // Make the recovered state durable before serving it: a reader must never see a record (kept in
    // the page cache by a process crash) that a later power loss could take back.
    const files = scan.segments.map((segment) => segment.name);
    let waiting = files.length;
    const synced = (): void => {
      waiting--;
      if (waiting > 0) return;
      this.stateValue = 'ready';
      onReady?.(report);
    };
    if (waiting === 0) {
      waiting = 1;
      synced();
    } else {
      for (const name of files) this.disk.fsync(name, synced);
    }
    return report;
  }

  private applyRecovered(record: LogRecord): void {
    switch (record.kind) {
      case 1: {
        const stream = this.streamFor(record.streamId);
        // The idempotency index serves appends only; a read-only store takes none.
        const rememberIds = !this.has('dedup-in-memory-only') && this.options.readOnly !== true;
        for (let index = 0; index < record.events.length; index++) {
          const event = record.events[index] as EventData;
          const stored: StoredEvent = { position: record.firstPosition + index, streamId: record.streamId, version: record.firstVersion + index, id: event.id, type: event.type, data: event.data, lsn: record.lsn };
          this.log.push(stored);
          stream.events.push(stored);
          if (rememberIds) this.ids.set(event.id, stored);
        }
        stream.version = record.firstVersion + record.events.length - 1;
        return;
      }
      case 2:
        this.applyDelete(this.streamFor(record.streamId), record.toVersion, true);
        return;
      case 3:
        this.snapshots.save({ persistenceId: record.persistenceId, sequenceNr: record.sequenceNr, timestamp: record.timestamp, data: record.data });
        return;
      case 4:
        this.snapshots.remove(record.persistenceId, record);
        return;
    }
  }

  // --- appends ---

  append(streamId: string, events: readonly EventData[], expected: ExpectedVersion, done: (result: AppendResult) => void): void {
    assert(this.options.readOnly !== true, 'a read-only store accepts no appends');
    if (this.stateValue === 'recovering') return done({ ok: false, reason: 'unavailable' });
    if (this.stateValue === 'corrupt') return done({ ok: false, reason: 'corrupt', indeterminate: false, corruption: this.corruptionValue as Corruption });
    if (this.writer.pendingCount >= this.pendingRecordsMax) return done({ ok: false, reason: 'unavailable' });
    if (events.length === 0 || events.length > this.batchEventsMax) return done({ ok: false, reason: 'rejected', detail: `a batch holds 1..${this.batchEventsMax} events (got ${events.length})` });
    const stream = this.streamFor(streamId);
    const idempotent = this.checkIdempotent(stream, streamId, events, expected);
    if (idempotent !== null) {
      if (idempotent.ok && idempotent.wait !== null) {
        const result = idempotent.result;
        idempotent.wait.onCommit.push(() => done(result));
        idempotent.wait.onFail.push((corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
        return;
      }
      return done(idempotent.result);
    }
    const current = stream.version;
    // The planted bug checks what readers see (committed) instead of what the next event gets.
    const checked = this.has('expected-version-checks-committed') ? stream.committedVersion : current;
    if (!expectedMatches(expected, checked)) return done({ ok: false, reason: 'wrong-expected-version', expected, actual: checked });
    const firstPosition = this.log.length + 1;
    const firstVersion = this.has('global-seq-as-stream-version') ? firstPosition : current + 1;
    const lsn = this.writer.lastLsn + 1;
    const record: LogRecord = { kind: 1, lsn, streamId, firstVersion, firstPosition, events };
    let payload: Uint8Array;
    try {
      payload = encodePayload(record);
    } catch (error) {
      return done({ ok: false, reason: 'rejected', detail: `cannot serialise: ${error instanceof Error ? error.message : String(error)}` });
    }
    const result: AppendResult = { ok: true, firstVersion, lastVersion: firstVersion + events.length - 1, firstPosition, lastPosition: firstPosition + events.length - 1, idempotent: false };
    // Write-side state changes now, so the next append sees this one's version and ids.
    const stored = events.map((event, index): StoredEvent => ({ position: firstPosition + index, streamId, version: firstVersion + index, id: event.id, type: event.type, data: event.data, lsn }));
    for (const event of stored) {
      this.log.push(event);
      stream.events.push(event);
      this.ids.set(event.id, event);
    }
    stream.version = result.lastVersion;
    this.writer.write(lsn, record, payload, () => {
      for (const event of stored) {
        stream.committedVersion = event.version;
        this.committedPositionValue = event.position;
        this.notify(event);
      }
    }, () => done(result), (corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
  }

  /** Null: not a retry. Otherwise the answer, possibly after the original record commits. */
  private checkIdempotent(stream: StreamState, streamId: string, events: readonly EventData[], expected: ExpectedVersion): { ok: true; result: AppendResult; wait: PendingRecord | null } | { ok: false; result: AppendResult } | null {
    let found = 0;
    for (let index = 0; index < events.length; index++) if (this.ids.has((events[index] as EventData).id)) found++;
    if (found === 0) return null;
    if (found < events.length) return { ok: false, result: { ok: false, reason: 'idempotency-conflict', detail: `${found} of ${events.length} event ids are already stored` } };
    const first = this.ids.get((events[0] as EventData).id) as StoredEvent;
    let consecutive = first.streamId === streamId;
    events.forEach((event, index) => {
      const stored = this.ids.get(event.id) as StoredEvent;
      if (stored.streamId !== streamId || stored.version !== first.version + index) consecutive = false;
    });
    const placed = expected === 'any' || expected === 'stream_exists' || (expected === 'no_stream' ? first.version === 1 : first.version === expected + 1);
    if (!consecutive || !placed) return { ok: false, result: { ok: false, reason: 'wrong-expected-version', expected, actual: stream.version } };
    const last = this.ids.get((events[events.length - 1] as EventData).id) as StoredEvent;
    const result: AppendResult = { ok: true, firstVersion: first.version, lastVersion: last.version, firstPosition: first.position, lastPosition: last.position, idempotent: true };
    const wait = last.position > this.committedPositionValue ? this.writer.pendingRecord(last.lsn) : null;
    return { ok: true, result, wait };
  }

  /** Journal delete: hides events up to `toVersion` (clamped to the stream's version); the version stays. */
  deleteTo(streamId: string, toVersion: number, done: (result: WriteResult) => void): void {
    if (this.stateValue !== 'ready') return done(this.unavailableOrCorrupt());
    assert(Number.isSafeInteger(toVersion) && toVersion >= 0, `deleteTo: bad version ${toVersion}`);
    const stream = this.streamFor(streamId);
    const to = Math.min(toVersion, stream.version);
    const lsn = this.writer.lastLsn + 1;
    const record: LogRecord = { kind: 2, lsn, streamId, toVersion: to };
    this.writer.write(lsn, record, encodePayload(record), () => this.applyDelete(stream, to, false), () => done({ ok: true }), (corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
  }

  private applyDelete(stream: StreamState, to: number, recovering: boolean): void {
    if (to > stream.deletedTo) stream.deletedTo = to;
    if (this.has('highest-seq-resets-on-delete')) {
      // The bug: the highest sequence number is recomputed from the events still visible.
      let highest = 0;
      for (const event of stream.events) if (event.version > stream.deletedTo && event.version > highest) highest = event.version;
      stream.version = highest;
      if (!recovering) stream.committedVersion = highest;
      if (highest === 0) stream.deletedTo = 0;
    }
  }

  // --- snapshots ---

  saveSnapshot(snapshot: Snapshot, done: (result: WriteResult) => void): void {
    if (this.stateValue !== 'ready') return done(this.unavailableOrCorrupt());
    const lsn = this.writer.lastLsn + 1;
    const record: LogRecord = { kind: 3, lsn, persistenceId: snapshot.persistenceId, sequenceNr: snapshot.sequenceNr, timestamp: snapshot.timestamp, data: snapshot.data };
    let payload: Uint8Array;
    try {
      payload = encodePayload(record);
    } catch (error) {
      return done({ ok: false, reason: 'rejected', detail: `cannot serialise: ${error instanceof Error ? error.message : String(error)}` });
    }
    const copy = { ...snapshot };
    this.writer.write(lsn, record, payload, () => this.snapshots.save(copy), () => done({ ok: true }), (corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
  }

  deleteSnapshots(persistenceId: string, criteria: SnapshotCriteria, done: (result: WriteResult) => void): void {
    if (this.stateValue !== 'ready') return done(this.unavailableOrCorrupt());
    const bounds = resolveCriteria(criteria);
    const lsn = this.writer.lastLsn + 1;
    const record: LogRecord = { kind: 4, lsn, persistenceId, ...bounds };
    this.writer.write(lsn, record, encodePayload(record), () => this.snapshots.remove(persistenceId, bounds), () => done({ ok: true }), (corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
  }

  /** The newest committed snapshot matching the criteria, or null. */
  loadSnapshot(persistenceId: string, criteria: SnapshotCriteria): { ok: true; snapshot: Snapshot | null } | ReadFailure {
    const refused = this.refuseRead();
    if (refused !== null) return refused;
    return { ok: true, snapshot: this.snapshots.newest(persistenceId, resolveCriteria(criteria)) };
  }

  // --- reads ---

  /** Committed events of a stream with version >= fromVersion (and above its deleted prefix), at most maxCount. */
  readStream(streamId: string, fromVersion = 1, maxCount = SAFE_MAX): StreamRead {
    const refused = this.refuseRead();
    if (refused !== null) return refused;
    const stream = this.streams.get(streamId);
    if (stream === undefined) return { ok: true, events: [], version: 0, deletedTo: 0 };
    const events: StoredEvent[] = [];
    const from = Math.max(fromVersion, stream.deletedTo + 1);
    let index = lowerBound(stream.events, from);
    for (; index < stream.events.length && events.length < maxCount; index++) {
      const event = stream.events[index] as StoredEvent;
      if (event.position > this.committedPositionValue) break;
      if (event.version > stream.deletedTo) events.push(event);
    }
    return { ok: true, events, version: stream.committedVersion, deletedTo: stream.deletedTo };
  }

  /** The committed highest sequence number (stream version) of a stream; 0 when unknown. */
  highestVersion(streamId: string): number | ReadFailure {
    const refused = this.refuseRead();
    if (refused !== null) return refused;
    return this.streams.get(streamId)?.committedVersion ?? 0;
  }

  /**
   * Committed events with position > afterPosition (exclusive), at most maxCount, in position order.
   * On a corrupt store: only up to the last good position, with `corruption` set.
   */
  readAll(afterPosition = 0, maxCount = SAFE_MAX): AllRead {
    if (this.stateValue === 'recovering') return { ok: false, reason: 'unavailable' };
    const end = this.stateValue === 'corrupt' ? Math.min(this.committedPositionValue, (this.corruptionValue as Corruption).lastGoodPosition) : this.committedPositionValue;
    const events: StoredEvent[] = [];
    for (let position = Math.max(afterPosition, 0) + 1; position <= end && events.length < maxCount; position++) events.push(this.log[position - 1] as StoredEvent);
    return { ok: true, events, committedPosition: end, corruption: this.corruptionValue };
  }

  /**
   * Catch-up subscription: delivers every committed event after `afterPosition` in order — first the
   * history (synchronously, now), then each event as it commits. Never skips: events commit in
   * position order, and the cursor only moves by one.
   */
  subscribe(afterPosition: number, onEvent: (event: StoredEvent) => void): Subscription {
    const subscriber = { cursor: Math.max(afterPosition, 0), onEvent };
    this.subscribers.add(subscriber);
    this.catchUp(subscriber);
    return { close: () => this.subscribers.delete(subscriber) };
  }

  private catchUp(subscriber: { cursor: number; onEvent: (event: StoredEvent) => void }): void {
    const end = this.stateValue === 'corrupt' ? Math.min(this.committedPositionValue, (this.corruptionValue as Corruption).lastGoodPosition) : this.committedPositionValue;
    while (subscriber.cursor < end && this.subscribers.has(subscriber)) {
      subscriber.cursor++;
      subscriber.onEvent(this.log[subscriber.cursor - 1] as StoredEvent);
    }
  }

  private notify(event: StoredEvent): void {
    if (this.subscribers.size === 0) return;
    assert(event.position === this.committedPositionValue, 'events commit in position order');
    for (const subscriber of [...this.subscribers]) this.catchUp(subscriber);
  }

  private refuseRead(): ReadFailure | null {
    if (this.stateValue === 'recovering') return { ok: false, reason: 'unavailable' };
    if (this.stateValue === 'corrupt') return { ok: false, reason: 'corrupt', corruption: this.corruptionValue as Corruption };
    return null;
  }

  private unavailableOrCorrupt(): { ok: false; reason: 'unavailable' } | { ok: false; reason: 'corrupt'; indeterminate: boolean; corruption: Corruption } {
    if (this.stateValue === 'corrupt') return { ok: false, reason: 'corrupt', indeterminate: false, corruption: this.corruptionValue as Corruption };
    return { ok: false, reason: 'unavailable' };
  }

  /** The last global position written by a record with lsn <= `lsn`. */
  private positionThroughLsn(lsn: number): number {
    for (let index = this.log.length - 1; index >= 0; index--) if ((this.log[index] as StoredEvent).lsn <= lsn) return index + 1;
    return 0;
  }

  private declareCorrupt(corruption: Corruption): void {
    this.stateValue = 'corrupt';
    this.corruptionValue = corruption;
    this.writer.cancelGroupCommit();
    this.options.log?.(`logstore: corruption in ${corruption.file} at offset ${corruption.offset}: ${corruption.reason}`);
    this.writer.failPending(corruption);
  }

  private streamFor(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (stream === undefined) {
      stream = { version: 0, committedVersion: 0, deletedTo: 0, events: [] };
      this.streams.set(streamId, stream);
    }
    return stream;
  }
}

export function expectedMatches(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 0;
  if (expected === 'stream_exists') return current > 0;
  return current === expected;
}

/** First index whose event version is >= version (events are in version order). */
function lowerBound(events: readonly StoredEvent[], version: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle] as StoredEvent).version < version) low = middle + 1;
    else high = middle;
  }
  return low;
}

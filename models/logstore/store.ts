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
// The store is split around its state: this file owns the store's lifecycle (recovering -> ready ->
// corrupt) and the writes (appends with idempotency and expected versions, deletes, snapshots); the
// write path (segments, lsns, read-back, durability, commit order) is segment-writer.ts; recovery
// (scan, rebuild, repair) is store-recovery.ts; the indexes and every read are event-index.ts; the
// public types are store-types.ts.
import { assert } from '../../sim/assert.js';
import type { NodeDisk } from '../../sim/node.js';
import { encodePayload, FRAME_HEADER_BYTES, SEGMENT_HEADER_BYTES, type EventData, type LogRecord } from './codec.js';
import type { Corruption } from './recovery.js';
import type { LogStoreBug } from './bugs.js';
import { EventIndex } from './event-index.js';
import { SegmentWriter } from './segment-writer.js';
import { resolveCriteria, SnapshotIndex, type Snapshot, type SnapshotCriteria } from './snapshots.js';
import { recoverLog } from './store-recovery.js';
import { expectedMatches, type AllRead, type AppendResult, type Durability, type ExpectedVersion, type LogStoreOptions, type ReadFailure, type RecoveryReport, type StoredEvent, type StoreState, type StreamRead, type Subscription, type WriteResult } from './store-types.js';

export type { Snapshot, SnapshotCriteria } from './snapshots.js';
export * from './store-types.js';

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

  /** Streams, positions, ids, the committed prefix and subscriptions. */
  private readonly index = new EventIndex();
  private readonly snapshots = new SnapshotIndex();
  /** Segments, lsns, uncommitted records, durability and commit order. */
  private readonly writer: SegmentWriter;

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
        positionThroughLsn: (lsn) => this.index.positionThroughLsn(lsn),
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
    return this.index.committedPosition;
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
    assert(this.stateValue === 'recovering', 'recovery runs first');
    const readOnly = this.options.readOnly === true;
    const recovered = recoverLog(
      this.disk,
      {
        prefix: this.prefix,
        verifyChecksums: !this.has('skip-checksum'),
        scanCache: this.options.scanCache,
        readOnly,
        // The idempotency index serves appends only; a read-only store takes none.
        rememberIds: !this.has('dedup-in-memory-only') && !readOnly,
        keepTornTail: this.has('no-torn-tail-truncation'),
      },
      this.index,
      this.snapshots,
      (stream, toVersion) => this.index.applyDelete(stream, toVersion, true, this.has('highest-seq-resets-on-delete')),
    );
    const report = recovered.report;
    this.reportValue = report;
    this.writer.resume(recovered.lastLsn, recovered.segments, recovered.writeOffset);
    if (report.corruption !== null) {
      this.declareCorrupt(report.corruption);
      onReady?.(report);
      return report;
    }
    let waiting = recovered.toSync.length;
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
      for (const name of recovered.toSync) this.disk.fsync(name, synced);
    }
    return report;
  }

  // --- appends ---

  append(streamId: string, events: readonly EventData[], expected: ExpectedVersion, done: (result: AppendResult) => void): void {
    assert(this.options.readOnly !== true, 'a read-only store accepts no appends');
    if (this.stateValue === 'recovering') return done({ ok: false, reason: 'unavailable' });
    if (this.stateValue === 'corrupt') return done({ ok: false, reason: 'corrupt', indeterminate: false, corruption: this.corruptionValue as Corruption });
    if (this.writer.pendingCount >= this.pendingRecordsMax) return done({ ok: false, reason: 'unavailable' });
    if (events.length === 0 || events.length > this.batchEventsMax) return done({ ok: false, reason: 'rejected', detail: `a batch holds 1..${this.batchEventsMax} events (got ${events.length})` });
    const stream = this.index.streamFor(streamId);
    const retry = this.index.retryOf(stream, streamId, events, expected);
    if (retry !== null) {
      // A retry of an append not yet committed is answered when the original commits (or fails).
      const wait = retry.ok && retry.pending ? this.writer.pendingRecord(retry.lastLsn) : null;
      if (wait !== null) {
        const result = retry.result;
        wait.onCommit.push(() => done(result));
        wait.onFail.push((corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
        return;
      }
      return done(retry.result);
    }
    const current = stream.version;
    // The planted bug checks what readers see (committed) instead of what the next event gets.
    const checked = this.has('expected-version-checks-committed') ? stream.committedVersion : current;
    if (!expectedMatches(expected, checked)) return done({ ok: false, reason: 'wrong-expected-version', expected, actual: checked });
    const firstPosition = this.index.writtenPosition + 1;
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
    const stored = this.index.addAppend(stream, record, true);
    assert(stream.version === result.lastVersion && this.index.writtenPosition === result.lastPosition, 'an append takes the next versions and positions');
    this.writer.write(lsn, record, payload, () => {
      for (const event of stored) this.index.commit(stream, event, this.readableEnd);
    }, () => done(result), (corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
  }

  /** Journal delete: hides events up to `toVersion` (clamped to the stream's version); the version stays. */
  deleteTo(streamId: string, toVersion: number, done: (result: WriteResult) => void): void {
    if (this.stateValue !== 'ready') return done(this.unavailableOrCorrupt());
    assert(Number.isSafeInteger(toVersion) && toVersion >= 0, `deleteTo: bad version ${toVersion}`);
    const stream = this.index.streamFor(streamId);
    const to = Math.min(toVersion, stream.version);
    const lsn = this.writer.lastLsn + 1;
    const record: LogRecord = { kind: 2, lsn, streamId, toVersion: to };
    this.writer.write(lsn, record, encodePayload(record), () => this.index.applyDelete(stream, to, false, this.has('highest-seq-resets-on-delete')), () => done({ ok: true }), (corruption) => done({ ok: false, reason: 'corrupt', indeterminate: true, corruption }));
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
    return { ok: true, ...this.index.readStream(streamId, fromVersion, maxCount) };
  }

  /** The committed highest sequence number (stream version) of a stream; 0 when unknown. */
  highestVersion(streamId: string): number | ReadFailure {
    const refused = this.refuseRead();
    if (refused !== null) return refused;
    return this.index.streams.get(streamId)?.committedVersion ?? 0;
  }

  /**
   * Committed events with position > afterPosition (exclusive), at most maxCount, in position order.
   * On a corrupt store: only up to the last good position, with `corruption` set.
   */
  readAll(afterPosition = 0, maxCount = SAFE_MAX): AllRead {
    if (this.stateValue === 'recovering') return { ok: false, reason: 'unavailable' };
    const end = this.readableEnd();
    return { ok: true, events: this.index.readRange(afterPosition, end, maxCount), committedPosition: end, corruption: this.corruptionValue };
  }

  /**
   * Catch-up subscription: delivers every committed event after `afterPosition` in order — first the
   * history (synchronously, now), then each event as it commits. Never skips: events commit in
   * position order, and the cursor only moves by one.
   */
  subscribe(afterPosition: number, onEvent: (event: StoredEvent) => void): Subscription {
    return this.index.subscribe(afterPosition, onEvent, this.readableEnd);
  }

  /** The last position a reader may see: the committed one, or the last good one on a corrupt store. */
  private readonly readableEnd = (): number => {
    const committed = this.index.committedPosition;
    return this.stateValue === 'corrupt' ? Math.min(committed, (this.corruptionValue as Corruption).lastGoodPosition) : committed;
  };

  private refuseRead(): ReadFailure | null {
    if (this.stateValue === 'recovering') return { ok: false, reason: 'unavailable' };
    if (this.stateValue === 'corrupt') return { ok: false, reason: 'corrupt', corruption: this.corruptionValue as Corruption };
    return null;
  }

  private unavailableOrCorrupt(): { ok: false; reason: 'unavailable' } | { ok: false; reason: 'corrupt'; indeterminate: boolean; corruption: Corruption } {
    if (this.stateValue === 'corrupt') return { ok: false, reason: 'corrupt', indeterminate: false, corruption: this.corruptionValue as Corruption };
    return { ok: false, reason: 'unavailable' };
  }

  private declareCorrupt(corruption: Corruption): void {
    this.stateValue = 'corrupt';
    this.corruptionValue = corruption;
    this.writer.cancelGroupCommit();
    this.options.log?.(`logstore: corruption in ${corruption.file} at offset ${corruption.offset}: ${corruption.reason}`);
    this.writer.failPending(corruption);
  }
}


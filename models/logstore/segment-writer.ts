// SegmentWriter: the LogStore's write path. It owns the segment being written (and rotation to the
// next), the lsn counter, the records written but not yet committed, and each file's lsn bookkeeping;
// it reads every write back (a misdirected write is caught at once), makes records durable per the
// store's durability mode (`fsync`, `group` with its timer, `none`; the planted bug `ack-before-fsync`
// acknowledges before the fsync) and commits them in lsn order.
// The store hands it what recovery found (`resume`); the writer asks the store for its state, declares
// corruption and maps lsns to positions through `hooks`.
import { assert } from '../../sim/assert.js';
import type { NodeDisk, TimerHandle } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import { decodedRecord, encodeFrame, encodeSegmentHeader, readSegmentHeader, SEGMENT_HEADER_BYTES, segmentName, type LogRecord } from './codec.js';
import { scanFrames, type Corruption, type ScannedSegment } from './recovery.js';
import type { LogStoreBug } from './bugs.js';
import type { ScanCache } from './scan-cache.js';
import type { Durability, StoreState, TimerSource } from './store-types.js';

export interface PendingRecord {
  lsn: number;
  file: string;
  /** Runs when the record commits (or fails if the store goes corrupt first). */
  onCommit: (() => void)[];
  onFail: ((corruption: Corruption) => void)[];
  apply: () => void;
}

export interface SegmentWriterOptions {
  durability: Durability;
  prefix: string;
  segmentBytesMax: number;
  groupWindowMicros: Micros;
  groupRecordsMax: number;
  timers: TimerSource | undefined;
  bugs: ReadonlySet<string>;
  /** Fed with every frame written and read back, so the next recovery need not decode it. */
  cache: ScanCache | undefined;
  /** How recovery scans this log (false only under `skip-checksum`): the cache is kept per mode. */
  verifyChecksums: boolean;
}

/** What the writer needs from its store. */
export interface SegmentWriterHooks {
  state(): StoreState;
  corruption(): Corruption | null;
  /** Marks the store corrupt; the store then calls `cancelGroupCommit` and `failPending`. */
  declareCorrupt(corruption: Corruption): void;
  /** The last global position written by a record with lsn <= `lsn`. */
  positionThroughLsn(lsn: number): number;
}

export class SegmentWriter {
  private lastLsnValue = 0;
  private segmentIndex = 0;
  private segmentFile = '';
  private segmentBytes = 0;
  private readonly pending: PendingRecord[] = [];
  private readonly lastLsnInFile = new Map<string, number>();
  private readonly segmentFirstLsn = new Map<string, number>();
  private readonly durableLsnInFile = new Map<string, number>();
  /** Files written since their last fsync began (one or two: a plain list, no hashing). */
  private readonly unsyncedFiles: string[] = [];
  private groupTimer: TimerHandle | null = null;
  /** Frames are encoded here: each is written (copied by the disk) before the next is encoded. */
  private readonly frameScratch = new Uint8Array(4096);

  constructor(
    private readonly disk: NodeDisk,
    private readonly options: SegmentWriterOptions,
    private readonly hooks: SegmentWriterHooks,
  ) {}

  /** The lsn of the last record written (committed or not). */
  get lastLsn(): number {
    return this.lastLsnValue;
  }

  /** Records written but not yet committed. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** The uncommitted record with this lsn, or null. */
  pendingRecord(lsn: number): PendingRecord | null {
    return this.pending.find((record) => record.lsn === lsn) ?? null;
  }

  private has(bug: LogStoreBug): boolean {
    return this.options.bugs.has(bug);
  }

  /**
   * Continues from what recovery found: the next record gets lsn `lastLsn + 1` and goes at
   * `writeOffset` of the last of `segments`, or into a new segment when `segments` is empty.
   */
  resume(lastLsn: number, segments: readonly ScannedSegment[], writeOffset: number): void {
    this.lastLsnValue = lastLsn;
    const lastSegment = segments.at(-1);
    if (lastSegment === undefined) return;
    this.segmentIndex = lastSegment.segmentIndex;
    this.segmentFile = lastSegment.name;
    this.segmentBytes = writeOffset;
    for (const segment of segments) {
      this.segmentFirstLsn.set(segment.name, segment.firstLsn);
      this.durableLsnInFile.set(segment.name, 0);
    }
    let following = lastLsn;
    for (const segment of [...segments].reverse()) {
      this.lastLsnInFile.set(segment.name, following);
      following = segment.firstLsn - 1;
    }
  }

  // --- frame, segment, read-back, durability, commit ---

  /**
   * Writes one record with the next lsn. `apply` then `onCommit` run when it commits; `onFail` runs
   * if the store goes corrupt first (at once when this write finds the damage).
   */
  write(lsn: number, record: LogRecord, payload: Uint8Array, apply: () => void, onCommit: () => void, onFail: (corruption: Corruption) => void): void {
    assert(record.lsn === lsn, 'a record carries the lsn it is written with');
    assert(lsn === this.lastLsnValue + 1, `lsn ${lsn} does not follow ${this.lastLsnValue}`);
    assert(this.hooks.state() === 'ready', 'writes only when ready');
    const frame = encodeFrame(payload, this.frameScratch);
    if (this.segmentFile === '' || (this.segmentBytes > SEGMENT_HEADER_BYTES && this.segmentBytes + frame.length > this.options.segmentBytesMax)) {
      this.rotate(lsn);
      if (this.hooks.state() !== 'ready') return onFail(this.hooks.corruption() as Corruption);
    }
    const file = this.segmentFile;
    const offset = this.segmentBytes;
    if (!this.writeVerified(file, offset, frame)) return onFail(this.hooks.corruption() as Corruption);
    this.options.cache?.appended(file, offset, frame, lsn, () => decodedRecord(record, payload));
    this.segmentBytes = offset + frame.length;
    this.lastLsnValue = lsn;
    this.lastLsnInFile.set(file, lsn);
    if (!this.unsyncedFiles.includes(file)) this.unsyncedFiles.push(file);
    const entry: PendingRecord = { lsn, file, onCommit: [onCommit], onFail: [onFail], apply };
    this.pending.push(entry);
    const durability = this.options.durability;
    if (durability === 'none' || this.has('ack-before-fsync')) {
      // The seed's design (and the planted bug): acknowledge what is only in the page cache.
      this.commitThrough(lsn);
      if (durability === 'none') return;
    }
    if (durability === 'fsync') {
      this.syncFile(file);
      return;
    }
    if (this.pending.length >= this.options.groupRecordsMax) {
      this.groupCommit();
      return;
    }
    if (this.groupTimer === null) {
      const timers = this.options.timers as TimerSource;
      this.groupTimer = timers.setTimer(this.options.groupWindowMicros, 'logstore-group-commit', () => {
        this.groupTimer = null;
        this.groupCommit();
      });
    }
  }

  /** On corruption: no group fsync is started any more. */
  cancelGroupCommit(): void {
    if (this.groupTimer !== null) {
      this.options.timers?.cancelTimer(this.groupTimer);
      this.groupTimer = null;
    }
  }

  /** On corruption: every uncommitted record fails, in lsn order. */
  failPending(corruption: Corruption): void {
    const failed = this.pending.splice(0);
    for (const record of failed) for (const callback of record.onFail) callback(corruption);
  }

  private groupCommit(): void {
    if (this.groupTimer !== null) {
      (this.options.timers as TimerSource).cancelTimer(this.groupTimer);
      this.groupTimer = null;
    }
    for (const file of this.unsyncedFiles.splice(0)) this.syncFile(file);
  }

  private syncFile(file: string): void {
    const covered = this.lastLsnInFile.get(file) ?? 0;
    const unsynced = this.unsyncedFiles.indexOf(file);
    if (unsynced >= 0) this.unsyncedFiles.splice(unsynced, 1);
    this.disk.fsync(file, () => {
      if (this.hooks.state() === 'corrupt') return;
      if (covered > (this.durableLsnInFile.get(file) ?? 0)) this.durableLsnInFile.set(file, covered);
      this.commitDurable();
    });
  }

  /** Commits pending records, in lsn order, whose file has been fsynced past them. */
  private commitDurable(): void {
    let through = 0;
    for (const record of this.pending) {
      if ((this.durableLsnInFile.get(record.file) ?? 0) < record.lsn) break;
      through = record.lsn;
    }
    if (through > 0) this.commitThrough(through);
  }

  private commitThrough(lsn: number): void {
    while (this.pending.length > 0 && (this.pending[0] as PendingRecord).lsn <= lsn) {
      const record = this.pending.shift() as PendingRecord;
      record.apply();
      for (const callback of record.onCommit) callback();
    }
  }

  private rotate(firstLsn: number): void {
    this.segmentIndex++;
    this.segmentFile = segmentName(this.options.prefix, this.segmentIndex);
    this.segmentBytes = 0;
    this.lastLsnInFile.set(this.segmentFile, firstLsn - 1);
    this.segmentFirstLsn.set(this.segmentFile, firstLsn);
    this.durableLsnInFile.set(this.segmentFile, 0);
    const header = encodeSegmentHeader({ segmentIndex: this.segmentIndex, firstLsn });
    if (!this.writeVerified(this.segmentFile, 0, header)) return;
    this.segmentBytes = SEGMENT_HEADER_BYTES;
    this.options.cache?.started(this.segmentFile, header, firstLsn, this.options.verifyChecksums);
  }

  /**
   * Writes and reads back. A mismatch means the disk put the bytes elsewhere (a misdirected write):
   * if the file's verified content is still intact, the stray bytes went past our end — cut and retry;
   * otherwise acknowledged data was overwritten, and the store declares corruption.
   */
  private writeVerified(file: string, offset: number, bytes: Uint8Array): boolean {
    for (let attempt = 0; attempt < 3; attempt++) {
      this.disk.write(file, offset, bytes);
      if (sameBytes(this.disk.read(file, offset, bytes.length), bytes)) return true;
      const damage = this.findDamage(file, offset);
      if (damage !== null) {
        this.hooks.declareCorrupt(damage);
        return false;
      }
      this.disk.truncate(file, offset);
    }
    this.hooks.declareCorrupt({ file, offset, reason: 'writes keep landing elsewhere', lastGoodLsn: this.lastLsnValue, lastGoodPosition: this.hooks.positionThroughLsn(this.lastLsnValue), detectedBy: 'write' });
    return false;
  }

  /** Re-verifies [0, end) of one segment against what the store wrote there; null when intact. */
  private findDamage(file: string, end: number): Corruption | null {
    if (end === 0) return null;
    const bytes = this.disk.read(file, 0, end);
    const firstLsn = this.segmentFirstLsn.get(file) ?? 1;
    const lastLsn = this.lastLsnInFile.get(file) ?? 0;
    const header = readSegmentHeader(bytes);
    const headerIntact = header.kind === 'header' && header.header.firstLsn === firstLsn && header.header.segmentIndex === this.segmentIndex;
    const scanned = headerIntact ? scanFrames(bytes, firstLsn, true) : null;
    if (scanned !== null && scanned.stop === null && scanned.records.length === lastLsn - firstLsn + 1) return null;
    const lastGoodLsn = scanned === null ? firstLsn - 1 : firstLsn - 1 + scanned.records.length;
    const offset = scanned === null ? 0 : (scanned.stop?.offset ?? scanned.goodBytes);
    const reason = scanned === null ? 'segment header overwritten' : (scanned.stop?.problem ?? 'records missing');
    return { file, offset, reason: `read-back found a misdirected write; damage: ${reason}`, lastGoodLsn, lastGoodPosition: this.hooks.positionThroughLsn(lastGoodLsn), detectedBy: 'write' };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

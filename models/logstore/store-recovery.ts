// The log store's recovery: scan the disk (recovery.ts), rebuild the in-memory indexes from every
// record that verified, and repair what a crash left — remove segments past a torn or lost tail, cut
// a torn tail — without ever skipping damage. It returns what the writer continues from; the store
// then makes the recovered state durable before serving it (store.ts).
//
// Invariants: every recovered event is committed (nothing read from the disk is pending); the next
// lsn follows the last recovered record; a read-only recovery changes nothing on the disk.
import { assert } from '../../sim/assert.js';
import type { NodeDisk } from '../../sim/node.js';
import type { LogRecord } from './codec.js';
import type { EventIndex, StreamState } from './event-index.js';
import { scanLog, type ScannedSegment, type TornTail } from './recovery.js';
import type { ScanCache } from './scan-cache.js';
import type { SnapshotIndex } from './snapshots.js';
import type { RecoveryReport } from './store-types.js';

export interface RecoveryOptions {
  prefix: string;
  verifyChecksums: boolean;
  scanCache: ScanCache | undefined;
  /** Inspect only: no repair, no idempotency index. */
  readOnly: boolean;
  /** Remember event ids (false under `dedup-in-memory-only`, and for a read-only store). */
  rememberIds: boolean;
  /** The planted bug `no-torn-tail-truncation`: the torn bytes stay and the next write goes after them. */
  keepTornTail: boolean;
}

/** What the store continues from. `segments` empty with a non-null corruption or a read-only store: nothing to write into. */
export interface Recovered {
  report: RecoveryReport;
  lastLsn: number;
  segments: ScannedSegment[];
  writeOffset: number;
  /** Files to fsync before the store serves anything (empty: ready at once). */
  toSync: string[];
}

/** Rebuilds `index` and `snapshots` from the disk and repairs the tail. `applyDelete` applies a recovered delete record. */
export function recoverLog(disk: NodeDisk, options: RecoveryOptions, index: EventIndex, snapshots: SnapshotIndex, applyDelete: (stream: StreamState, toVersion: number) => void): Recovered {
  assert(index.writtenPosition === 0, 'recovery starts from empty indexes');
  const scan = scanLog(disk, { prefix: options.prefix, verifyChecksums: options.verifyChecksums, ...(options.scanCache === undefined ? {} : { cache: options.scanCache }) });
  for (const record of scan.records) applyRecord(record, options.rememberIds, index, snapshots, applyDelete);
  index.commitRecovered();
  const lastLsn = scan.records.length;
  const report: RecoveryReport = {
    segments: scan.segments.length,
    records: scan.records.length,
    events: index.writtenPosition,
    lastLsn,
    lastPosition: index.writtenPosition,
    tornTail: scan.tornTail,
    removedSegments: [],
    corruption: scan.corruption,
  };
  if (scan.corruption !== null) {
    scan.corruption.lastGoodPosition = index.writtenPosition;
    return { report, lastLsn, segments: [], writeOffset: 0, toSync: [] };
  }
  // Nothing to continue: a read-only store only inspects the disk.
  if (options.readOnly) return { report, lastLsn, segments: [], writeOffset: 0, toSync: [] };
  for (const name of scan.segmentsToRemove) {
    disk.remove(name);
    report.removedSegments.push(name);
  }
  const cutLive = scan.tornTail !== null && !scan.segmentsToRemove.includes(scan.tornTail.file);
  if (cutLive && !options.keepTornTail) {
    const tail = scan.tornTail as TornTail;
    disk.truncate(tail.file, tail.offset);
  }
  const lastSegment = scan.segments.at(-1);
  // Without the cut (the planted bug) the next write goes at the end of the file, past the torn bytes.
  const writeOffset = lastSegment === undefined ? 0 : options.keepTornTail ? disk.size(lastSegment.name) : lastSegment.goodBytes;
  assert(lastSegment === undefined || writeOffset >= lastSegment.goodBytes, 'the writer continues after the last good frame');
  // Make the recovered state durable before serving it: a reader must never see a record (kept in
  // the page cache by a process crash) that a later power loss could take back.
  return { report, lastLsn, segments: scan.segments, writeOffset, toSync: scan.segments.map((segment) => segment.name) };
}

function applyRecord(record: LogRecord, rememberIds: boolean, index: EventIndex, snapshots: SnapshotIndex, applyDelete: (stream: StreamState, toVersion: number) => void): void {
  switch (record.kind) {
    case 1:
      index.addAppend(index.streamFor(record.streamId), record, rememberIds);
      return;
    case 2:
      applyDelete(index.streamFor(record.streamId), record.toVersion);
      return;
    case 3:
      snapshots.save({ persistenceId: record.persistenceId, sequenceNr: record.sequenceNr, timestamp: record.timestamp, data: record.data });
      return;
    case 4:
      snapshots.remove(record.persistenceId, record);
      return;
  }
}

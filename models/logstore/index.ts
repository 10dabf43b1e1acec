// Public API of the log store model: the on-disk codec, the LogStore itself, the journal + snapshot
// store facade, and the planted bugs. Other models (replication) build on this file only; everything
// not exported here may change.
//
//   const store = new LogStore(context.disk, { durability: 'fsync', timers: context });
//   const report = store.recover((ready) => …);          // in the node factory; report.corruption?
//   store.append('order-1', [{ id, type, data }], 'no_stream', (result) => …);
//   store.readStream('order-1', 1, 100);                  // committed events, inclusive from-version
//   store.readAll(afterPosition, max);                    // exclusive of afterPosition
//   store.subscribe(afterPosition, (event) => …);         // catch-up, never skips
export {
  decodePayload,
  encodeFrame,
  encodePayload,
  encodeRecord,
  encodeSegmentHeader,
  FORMAT_VERSION,
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  parseSegmentName,
  PAYLOAD_BYTES_MAX,
  readFrame,
  readSegmentHeader,
  RecordKind,
  SEGMENT_HEADER_BYTES,
  SEGMENT_MAGIC,
  segmentName,
  type EventData,
  type FrameRead,
  type LogRecord,
  type SegmentHeader,
  type SegmentHeaderRead,
} from './codec.js';
export { isTornTail, listSegments, scanFrames, scanLog, type Corruption, type ScanResult, type TornTail } from './recovery.js';
export { ScanCache } from './scan-cache.js';
export {
  durabilityModes,
  expectedMatches,
  LogStore,
  type AllRead,
  type AppendResult,
  type Durability,
  type ExpectedVersion,
  type LogStoreOptions,
  type ReadFailure,
  type RecoveryReport,
  type Snapshot,
  type SnapshotCriteria,
  type StoredEvent,
  type StoreState,
  type StreamRead,
  type Subscription,
  type TimerSource,
  type WriteResult,
} from './store.js';
export { logStoreBugs, type LogStoreBug } from './bugs.js';
export {
  Journal,
  SnapshotStore,
  whyNotSerialisable,
  type AtomicWrite,
  type FacadeWriteResult,
  type PersistentRepr,
  type ReplayResult,
  type SnapshotMetadata,
  type WriteMessagesResult,
} from './journal.js';

// The log store's public types: options, durability modes, results of appends, writes and reads,
// stored events and the recovery report. Shared by the store (store.ts), its write path
// (segment-writer.ts), its index (event-index.ts) and its recovery (store-recovery.ts).
import type { TimerHandle } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { Corruption, TornTail } from './recovery.js';
import type { ScanCache } from './scan-cache.js';

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

export function expectedMatches(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 0;
  if (expected === 'stream_exists') return current > 0;
  return current === expected;
}

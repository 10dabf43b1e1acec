// The log store's in-memory state and its read side: every event by global position, every stream's
// events by version, the idempotency index (event id -> event), the committed position, and the
// catch-up subscriptions. The store (store.ts) decides *what* to add and when it commits; this file
// keeps the indexes consistent and answers reads from the committed prefix.
//
// Invariants (asserted where they change):
// - `log[p - 1].position === p`: positions are contiguous from 1, written events in position order.
// - Each stream's events are in version order; `committedVersion <= version`.
// - `committedPosition <= log.length`, and it only grows, one event at a time, in position order.
// - Subscribers never skip a position: a cursor moves by one, up to the readable end.
import { assert } from '../../sim/assert.js';
import type { EventData, LogRecord } from './codec.js';
import type { AppendResult, ExpectedVersion, StoredEvent, Subscription } from './store-types.js';

/** A retried append: refused, or answered with where the original landed (`pending`: not committed yet). */
export type RetryMatch = { ok: false; result: AppendResult } | { ok: true; result: AppendResult; lastLsn: number; pending: boolean };

export interface StreamState {
  /** Write side: includes records written but not yet committed. */
  version: number;
  /** Read side. */
  committedVersion: number;
  deletedTo: number;
  /** Every event (committed and pending) in version order. */
  events: StoredEvent[];
}

interface Subscriber {
  cursor: number;
  onEvent: (event: StoredEvent) => void;
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

export class EventIndex {
  readonly streams = new Map<string, StreamState>();
  /** All events by position - 1 (committed first, then pending). */
  readonly log: StoredEvent[] = [];
  readonly ids = new Map<string, StoredEvent>();
  private committedPositionValue = 0;
  private readonly subscribers = new Set<Subscriber>();

  /** The highest committed global position. */
  get committedPosition(): number {
    return this.committedPositionValue;
  }

  /** Events written (committed or not). */
  get writtenPosition(): number {
    return this.log.length;
  }

  streamFor(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (stream === undefined) {
      stream = { version: 0, committedVersion: 0, deletedTo: 0, events: [] };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  /** Adds the events of one append record (written, not yet committed; or recovered) at the end of the log. */
  addAppend(stream: StreamState, record: Extract<LogRecord, { kind: 1 }>, rememberIds: boolean): StoredEvent[] {
    const stored: StoredEvent[] = new Array(record.events.length);
    for (let index = 0; index < record.events.length; index++) {
      const event = record.events[index] as EventData;
      const each: StoredEvent = { position: record.firstPosition + index, streamId: record.streamId, version: record.firstVersion + index, id: event.id, type: event.type, data: event.data, lsn: record.lsn };
      stored[index] = each;
      this.log.push(each);
      stream.events.push(each);
      if (rememberIds) this.ids.set(event.id, each);
    }
    stream.version = record.firstVersion + record.events.length - 1;
    return stored;
  }

  /**
   * A committed (or recovered) delete: hides the stream's events up to `to`; its version stays.
   * `resetsOnDelete`: the planted bug `highest-seq-resets-on-delete`.
   */
  applyDelete(stream: StreamState, to: number, recovering: boolean, resetsOnDelete: boolean): void {
    if (to > stream.deletedTo) stream.deletedTo = to;
    if (resetsOnDelete) {
      // The bug: the highest sequence number is recomputed from the events still visible.
      let highest = 0;
      for (const event of stream.events) if (event.version > stream.deletedTo && event.version > highest) highest = event.version;
      stream.version = highest;
      if (!recovering) stream.committedVersion = highest;
      if (highest === 0) stream.deletedTo = 0;
    }
  }

  /** After recovery: everything recovered is committed. */
  commitRecovered(): void {
    this.committedPositionValue = this.log.length;
    for (const stream of this.streams.values()) stream.committedVersion = stream.version;
  }

  /**
   * Null: no event id of `events` is known, so this is not a retry. Otherwise the answer to a retry:
   * the original placement when every id is known, in this stream, consecutively, where `expected`
   * put it; a refusal when only some ids are known or the placement does not match.
   */
  retryOf(stream: StreamState, streamId: string, events: readonly EventData[], expected: ExpectedVersion): RetryMatch | null {
    const ids = this.ids;
    let found = 0;
    for (let index = 0; index < events.length; index++) if (ids.has((events[index] as EventData).id)) found++;
    if (found === 0) return null;
    if (found < events.length) return { ok: false, result: { ok: false, reason: 'idempotency-conflict', detail: `${found} of ${events.length} event ids are already stored` } };
    const first = ids.get((events[0] as EventData).id) as StoredEvent;
    let consecutive = first.streamId === streamId;
    for (let index = 0; index < events.length; index++) {
      const stored = ids.get((events[index] as EventData).id) as StoredEvent;
      if (stored.streamId !== streamId || stored.version !== first.version + index) consecutive = false;
    }
    const placed = expected === 'any' || expected === 'stream_exists' || (expected === 'no_stream' ? first.version === 1 : first.version === expected + 1);
    if (!consecutive || !placed) return { ok: false, result: { ok: false, reason: 'wrong-expected-version', expected, actual: stream.version } };
    const last = ids.get((events[events.length - 1] as EventData).id) as StoredEvent;
    const result: AppendResult = { ok: true, firstVersion: first.version, lastVersion: last.version, firstPosition: first.position, lastPosition: last.position, idempotent: true };
    return { ok: true, result, lastLsn: last.lsn, pending: last.position > this.committedPositionValue };
  }

  /** One written event commits: it becomes readable and is delivered to subscribers. */
  commit(stream: StreamState, event: StoredEvent, readableEnd: () => number): void {
    assert(event.position === this.committedPositionValue + 1, `event ${event.position} commits after ${this.committedPositionValue}`);
    stream.committedVersion = event.version;
    this.committedPositionValue = event.position;
    if (this.subscribers.size === 0) return;
    for (const subscriber of [...this.subscribers]) this.catchUp(subscriber, readableEnd());
  }

  /** Committed events of a stream with version >= fromVersion (and above its deleted prefix), at most maxCount. */
  readStream(streamId: string, fromVersion: number, maxCount: number): { events: StoredEvent[]; version: number; deletedTo: number } {
    const stream = this.streams.get(streamId);
    if (stream === undefined) return { events: [], version: 0, deletedTo: 0 };
    const events: StoredEvent[] = [];
    const from = Math.max(fromVersion, stream.deletedTo + 1);
    let index = lowerBound(stream.events, from);
    for (; index < stream.events.length && events.length < maxCount; index++) {
      const event = stream.events[index] as StoredEvent;
      if (event.position > this.committedPositionValue) break;
      if (event.version > stream.deletedTo) events.push(event);
    }
    return { events, version: stream.committedVersion, deletedTo: stream.deletedTo };
  }

  /** Events with afterPosition < position <= end, at most maxCount, in position order. */
  readRange(afterPosition: number, end: number, maxCount = SAFE_MAX): StoredEvent[] {
    assert(end <= this.committedPositionValue, 'reads end at the committed position');
    const events: StoredEvent[] = [];
    for (let position = Math.max(afterPosition, 0) + 1; position <= end && events.length < maxCount; position++) events.push(this.log[position - 1] as StoredEvent);
    return events;
  }

  subscribe(afterPosition: number, onEvent: (event: StoredEvent) => void, readableEnd: () => number): Subscription {
    const subscriber: Subscriber = { cursor: Math.max(afterPosition, 0), onEvent };
    this.subscribers.add(subscriber);
    this.catchUp(subscriber, readableEnd());
    return { close: () => this.subscribers.delete(subscriber) };
  }

  private catchUp(subscriber: Subscriber, end: number): void {
    while (subscriber.cursor < end && this.subscribers.has(subscriber)) {
      subscriber.cursor++;
      subscriber.onEvent(this.log[subscriber.cursor - 1] as StoredEvent);
    }
  }

  /** The last global position written by a record with lsn <= `lsn`. */
  positionThroughLsn(lsn: number): number {
    for (let index = this.log.length - 1; index >= 0; index--) if ((this.log[index] as StoredEvent).lsn <= lsn) return index + 1;
    return 0;
  }
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

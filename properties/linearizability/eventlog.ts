// `eventlog`: append-only event streams with optimistic concurrency (expected version), and whole-stream
// reads. Partitioned per stream. The JSONL format is documented in README.md ("eventlog format").
//
// A stream's version is the number of events it holds (0: the stream does not exist yet). An append
// names the version it expects and adds one or more events; ok returns the new version. A read returns
// every event id in the stream, oldest first. Event ids are strings or integers, compared exactly.

import { decoded, expected, isInteger, showValue, type HistoryFormat } from './history-format.js';
import { combineHash, hashNumber, hashString } from './hash.js';
import type { Model, StepResult } from './model.js';

export type EventId = string | number;
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

/** A stream as an immutable cons list, newest event first, so an append is O(1) and shares the rest. */
export interface EventlogStream {
  readonly version: number;
  readonly hash: number;
  readonly eventId: EventId;
  readonly previous: EventlogStream | null;
}
export type EventlogState = EventlogStream | null;

export type EventlogInput =
  | { readonly f: 'append'; readonly stream: string; readonly expectedVersion: ExpectedVersion; readonly events: readonly EventId[] }
  | { readonly f: 'read'; readonly stream: string };

/** Append: the new version. Read: the event ids in the stream, oldest first. */
export type EventlogOutput = number | readonly EventId[];

const rejected: StepResult<never> = { ok: false };
const emptyHash = 0x6a09e667;
const eventsMaxPerAppend = 10_000;

function hashEventId(eventId: EventId): number {
  return typeof eventId === 'string' ? hashString(eventId) : hashNumber(eventId) ^ 0x3c6ef372;
}

export function streamVersion(state: EventlogState): number {
  return state === null ? 0 : state.version;
}

/** Event ids of a stream, oldest first (an explicit loop over the cons list, no recursion). */
export function streamEvents(state: EventlogState): EventId[] {
  const events: EventId[] = new Array<EventId>(streamVersion(state));
  let cursor = state;
  for (let index = events.length - 1; index >= 0; index--) {
    if (cursor === null) throw new Error('eventlog stream shorter than its version');
    events[index] = cursor.eventId;
    cursor = cursor.previous;
  }
  return events;
}

function versionMatches(expectedVersion: ExpectedVersion, version: number): boolean {
  if (expectedVersion === 'any') return true;
  if (expectedVersion === 'no_stream') return version === 0;
  if (expectedVersion === 'stream_exists') return version > 0;
  return version === expectedVersion;
}

function appendEvents(state: EventlogState, events: readonly EventId[]): EventlogState {
  let stream = state;
  for (const eventId of events) {
    const version = streamVersion(stream) + 1;
    const hash = combineHash(stream === null ? emptyHash : stream.hash, hashEventId(eventId));
    stream = { version, hash, eventId, previous: stream };
  }
  return stream;
}

/** Compare a stream with a read result without materialising the stream. */
function streamEquals(state: EventlogState, events: readonly EventId[]): boolean {
  if (streamVersion(state) !== events.length) return false;
  let cursor = state;
  for (let index = events.length - 1; index >= 0; index--) {
    if (cursor === null || cursor.eventId !== events[index]) return false;
    cursor = cursor.previous;
  }
  return true;
}

export const eventlogModel: Model<EventlogState, EventlogInput, EventlogOutput> = {
  name: 'eventlog',
  init: () => null,
  step(state, input, output) {
    if (input.f === 'read') {
      if (output === undefined) return { ok: true, state };
      return typeof output !== 'number' && streamEquals(state, output) ? { ok: true, state } : rejected;
    }
    if (!versionMatches(input.expectedVersion, streamVersion(state))) {
      return output === undefined ? { ok: true, state } : rejected;
    }
    const next = appendEvents(state, input.events);
    if (output === undefined || output === streamVersion(next)) return { ok: true, state: next };
    return rejected;
  },
  hash: (state) => (state === null ? emptyHash : state.hash),
  equal(left, right) {
    if (left === right) return true;
    if (streamVersion(left) !== streamVersion(right)) return false;
    if (left === null || right === null || left.hash !== right.hash) return false;
    return streamEquals(left, streamEvents(right));
  },
  partition: (input) => input.stream,
  readOnly: (input) => input.f === 'read',
  inputKey: (input) => JSON.stringify(input),
  describeOperation(input, output) {
    const stream = JSON.stringify(input.stream);
    if (input.f === 'read') {
      if (output === undefined) return `read ${stream} (result unknown)`;
      return `read ${stream} → ${JSON.stringify(output)}`;
    }
    const events = JSON.stringify(input.events);
    const result = output === undefined ? '' : ` → version ${String(output)}`;
    return `append ${events} to ${stream} expecting ${String(input.expectedVersion)}${result}`;
  },
  describeState(state) {
    if (state === null) return 'the stream does not exist (version 0)';
    const events = streamEvents(state);
    const shown = events.length > 8 ? `[…${JSON.stringify(events.slice(-8)).slice(1)}` : JSON.stringify(events);
    return `the stream is at version ${state.version} holding ${shown}`;
  },
};

function isEventId(value: unknown): value is EventId {
  return typeof value === 'string' || isInteger(value);
}

function decodeExpectedVersion(value: unknown): ExpectedVersion | undefined {
  if (value === 'any' || value === 'no_stream' || value === 'stream_exists') return value;
  if (isInteger(value) && value >= 0) return value;
  return undefined;
}

export const eventlogFormat: HistoryFormat<EventlogInput, EventlogOutput> = {
  functions: ['append', 'read'],
  objectField: 'stream',
  decodeInvoke(f, record) {
    const stream = record['stream'];
    const value = record['value'];
    if (typeof stream !== 'string') return expected(`"stream" a string (got ${showValue(stream)})`);
    if (f === 'read') {
      return value === null ? decoded({ f: 'read', stream }) : expected(`"value" null for read invoke (got ${showValue(value)})`);
    }
    const shape = '"value" {"expectedVersion": integer >= 0|"any"|"no_stream"|"stream_exists", "events": [ids...]} for append';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected(`${shape} (got ${showValue(value)})`);
    const fields = value as Record<string, unknown>;
    const extra = Object.keys(fields).filter((name) => name !== 'expectedVersion' && name !== 'events');
    if (extra.length > 0) return expected(`${shape} (unexpected field ${JSON.stringify(extra[0])})`);
    const expectedVersion = decodeExpectedVersion(fields['expectedVersion']);
    if (expectedVersion === undefined) return expected(`${shape} (got expectedVersion ${showValue(fields['expectedVersion'])})`);
    const events = fields['events'];
    if (!Array.isArray(events) || events.length === 0 || events.length > eventsMaxPerAppend || !events.every(isEventId)) {
      return expected(`${shape} with 1..${eventsMaxPerAppend} string or integer ids (got events ${showValue(events)})`);
    }
    return decoded({ f: 'append', stream, expectedVersion, events: events as EventId[] });
  },
  decodeOk(input, value) {
    if (input.f === 'read') {
      const valid = Array.isArray(value) && value.every(isEventId);
      return valid ? decoded(value as EventId[]) : expected(`ok "value" the list of event ids read (got ${showValue(value)})`);
    }
    const valid = isInteger(value) && value >= input.events.length;
    return valid ? decoded(value) : expected(`ok "value" the new stream version, an integer >= ${input.events.length} (got ${showValue(value)})`);
  },
};

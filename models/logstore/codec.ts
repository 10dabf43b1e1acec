// The log store's on-disk format. Everything that touches bytes lives here, so the format has one owner.
//
// A log is a series of segment files `<prefix>-00000001.seg`, `<prefix>-00000002.seg`, … Each segment
// opens with a fixed 32-byte header, then holds frames back to back:
//
//   segment header (32 bytes, big-endian integers)
//     0  u32 magic 'FLSG'          4  u16 format version (1)     6  u16 header bytes (32)
//     8  u32 segment index         12 u32 first record lsn       16..27 reserved (zero)
//     28 u32 CRC32 of bytes 0..27
//   frame (16-byte header + payload)
//     0  u32 magic 'FLR1'          4  u32 payload bytes          8  u32 CRC32 of the payload
//     12 u32 CRC32 of bytes 0..11 (the header's own checksum: a complete header with a bad checksum is
//        damage, never a torn write, because a torn write persists a correct *prefix* of what was written)
//   payload: one msgpackr-encoded record (an array, see `LogRecord`).
//
// Every record carries its log sequence number (lsn), contiguous from 1 across segments, so a valid
// frame that landed in the wrong place (a misdirected write) is caught by its lsn even though its
// checksums are fine. One record is one atomic write: a batch of events is all in one frame or absent.
import { Packr } from 'msgpackr';
import { crc32 } from 'node:zlib';
import { assert } from '../../sim/assert.js';

export const SEGMENT_MAGIC = 0x464c5347; // 'FLSG'
export const FRAME_MAGIC = 0x464c5231; // 'FLR1'
export const FORMAT_VERSION = 1;
export const SEGMENT_HEADER_BYTES = 32;
export const FRAME_HEADER_BYTES = 16;
/** Upper bound on one record's payload: a length field above it is damage, not data. */
export const PAYLOAD_BYTES_MAX = 16 * 1024 * 1024;

/** One event as stored: its id (idempotency key), its type name and its msgpackr-encodable data. */
export interface EventData {
  id: string;
  type: string;
  data: unknown;
}

/** Record kinds; the numbers are on disk and never change meaning. */
export const RecordKind = { Append: 1, Delete: 2, SnapshotSave: 3, SnapshotDelete: 4 } as const;

export type LogRecord =
  /** Events of one stream at consecutive versions and consecutive global positions. */
  | { kind: 1; lsn: number; streamId: string; firstVersion: number; firstPosition: number; events: readonly EventData[] }
  /** Logical delete of a stream's events up to `toVersion` (inclusive); the stream's version stays. */
  | { kind: 2; lsn: number; streamId: string; toVersion: number }
  | { kind: 3; lsn: number; persistenceId: string; sequenceNr: number; timestamp: number; data: unknown }
  /** Removes snapshots of `persistenceId` within the inclusive bounds. */
  | { kind: 4; lsn: number; persistenceId: string; minSequenceNr: number; maxSequenceNr: number; minTimestamp: number; maxTimestamp: number };

const packr = new Packr({ useRecords: false, moreTypes: false });

/** Encodes a record's payload. Throws (a programmer error or an unencodable value) on bad input. */
export function encodePayload(record: LogRecord): Uint8Array {
  switch (record.kind) {
    case 1:
      return packr.pack([1, record.lsn, record.streamId, record.firstVersion, record.firstPosition, record.events.map((event) => [event.id, event.type, event.data])]);
    case 2:
      return packr.pack([2, record.lsn, record.streamId, record.toVersion]);
    case 3:
      return packr.pack([3, record.lsn, record.persistenceId, record.sequenceNr, record.timestamp, record.data]);
    case 4:
      return packr.pack([4, record.lsn, record.persistenceId, record.minSequenceNr, record.maxSequenceNr, record.minTimestamp, record.maxTimestamp]);
  }
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isPositive = (value: unknown): value is number => isCount(value) && value > 0;

/** Decodes and shape-checks a payload. Returns null for anything that is not a well-formed record. */
export function decodePayload(payload: Uint8Array): LogRecord | null {
  let value: unknown;
  try {
    value = packr.unpack(payload);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || !isPositive(value[1])) return null;
  const lsn = value[1];
  switch (value[0]) {
    case 1: {
      const [, , streamId, firstVersion, firstPosition, rawEvents] = value as unknown[];
      if (typeof streamId !== 'string' || !isPositive(firstVersion) || !isPositive(firstPosition) || !Array.isArray(rawEvents) || rawEvents.length === 0) return null;
      const events: EventData[] = [];
      for (const raw of rawEvents as unknown[]) {
        if (!Array.isArray(raw) || typeof raw[0] !== 'string' || typeof raw[1] !== 'string') return null;
        events.push({ id: raw[0], type: raw[1], data: raw[2] });
      }
      return { kind: 1, lsn, streamId, firstVersion, firstPosition, events };
    }
    case 2: {
      const [, , streamId, toVersion] = value as unknown[];
      if (typeof streamId !== 'string' || !isCount(toVersion)) return null;
      return { kind: 2, lsn, streamId, toVersion };
    }
    case 3: {
      const [, , persistenceId, sequenceNr, timestamp, data] = value as unknown[];
      if (typeof persistenceId !== 'string' || !isCount(sequenceNr) || !isCount(timestamp)) return null;
      return { kind: 3, lsn, persistenceId, sequenceNr, timestamp, data };
    }
    case 4: {
      const [, , persistenceId, minSequenceNr, maxSequenceNr, minTimestamp, maxTimestamp] = value as unknown[];
      if (typeof persistenceId !== 'string' || !isCount(minSequenceNr) || !isCount(maxSequenceNr) || !isCount(minTimestamp) || !isCount(maxTimestamp)) return null;
      return { kind: 4, lsn, persistenceId, minSequenceNr, maxSequenceNr, minTimestamp, maxTimestamp };
    }
    default:
      return null;
  }
}

/**
 * What `decodePayload(payload)` returns for the payload `encodePayload(record)` gave, built from
 * `record` without decoding where that is provably the same: an append whose stream id, event ids and
 * types are well-formed strings and whose event data hold only values msgpackr gives back unchanged
 * (well-formed strings, numbers other than -0, booleans, null, undefined, arrays, objects with the
 * plain prototype and none of the keys msgpackr treats specially). The result shares strings with
 * `record` but no object or array, so later changes to the caller's values do not reach it. Anything
 * else (other record kinds, dates, maps, class instances, lone surrogates, -0, …) is decoded from
 * `payload`, so the answer is always exactly what a scan of the frame would decode.
 */
export function decodedRecord(record: LogRecord, payload: Uint8Array): LogRecord | null {
  // Decoding reads binary values as views of its input: decode a private plain copy, as a scan
  // decodes a private read of the disk (the encoder's own buffer is reused by its next call).
  const decode = (): LogRecord | null => decodePayload(new Uint8Array(payload));
  if (record.kind !== 1) return decode();
  const { lsn, streamId, firstVersion, firstPosition, events } = record;
  if (!isPositive(lsn) || !isPlainString(streamId) || !isPositive(firstVersion) || !isPositive(firstPosition) || !Array.isArray(events) || events.length === 0) return decode();
  const copies: EventData[] = new Array(events.length);
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as EventData;
    const data = plainCopy(event.data, 0);
    if (!isPlainString(event.id) || !isPlainString(event.type) || data === NOT_PLAIN) return decode();
    copies[index] = { id: event.id, type: event.type, data };
  }
  return { kind: 1, lsn, streamId, firstVersion, firstPosition, events: copies };
}

const NOT_PLAIN: unique symbol = Symbol('not plain');
/** Any surrogate (a lone one does not survive UTF-8; pairs are merely not worth telling apart). */
const SURROGATE = /[\uD800-\uDFFF]/;
const PLAIN_DEPTH_MAX = 64;

function isPlainString(value: unknown): value is string {
  return typeof value === 'string' && !SURROGATE.test(value);
}

/** A copy of `value` equal to what a msgpackr round trip gives, or NOT_PLAIN when that is not certain. */
function plainCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return SURROGATE.test(value) ? NOT_PLAIN : value;
    case 'number':
      return value === 0 && 1 / value < 0 ? NOT_PLAIN : value;
    case 'boolean':
    case 'undefined':
      return value;
    case 'object': {
      if (value === null) return null;
      if (depth >= PLAIN_DEPTH_MAX) return NOT_PLAIN;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Array.prototype) {
        const source = value as unknown[];
        const copy: unknown[] = new Array(source.length);
        for (let index = 0; index < source.length; index++) {
          const item = plainCopy(source[index], depth + 1);
          if (item === NOT_PLAIN) return NOT_PLAIN;
          copy[index] = item;
        }
        return copy;
      }
      if (prototype !== Object.prototype) return NOT_PLAIN;
      const source = value as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(source)) {
        if (key === '__proto__' || key === 'constructor' || key === 'toJSON' || key === 'hasOwnProperty' || SURROGATE.test(key)) return NOT_PLAIN;
        const item = plainCopy(source[key], depth + 1);
        if (item === NOT_PLAIN) return NOT_PLAIN;
        copy[key] = item;
      }
      return copy;
    }
    default:
      return NOT_PLAIN;
  }
}

/**
 * Frames a payload: header (magic, length, payload CRC, header CRC) + payload, in one buffer — a view
 * into `scratch` when it is big enough (a writer reuses one: the disk copies what it is given), else a
 * fresh array.
 */
export function encodeFrame(payload: Uint8Array, scratch?: Uint8Array): Uint8Array {
  assert(payload.length > 0 && payload.length <= PAYLOAD_BYTES_MAX, `encodeFrame: payload of ${payload.length} bytes`);
  const length = FRAME_HEADER_BYTES + payload.length;
  const frame = scratch !== undefined && scratch.length >= length ? scratch.subarray(0, length) : new Uint8Array(length);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint32(0, FRAME_MAGIC);
  view.setUint32(4, payload.length);
  view.setUint32(8, crc32(payload));
  view.setUint32(12, crc32(frame.subarray(0, 12)));
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

export function encodeRecord(record: LogRecord): Uint8Array {
  return encodeFrame(encodePayload(record));
}

/** What lies at one offset of a segment. */
export type FrameRead =
  | { kind: 'frame'; payload: Uint8Array; frameBytes: number }
  /** Fewer bytes than a header or than the header's length: could be a torn prefix, could be damage. */
  | { kind: 'short'; headerComplete: boolean }
  /** Definitely not a correctly written frame (bad magic, header CRC or payload CRC, absurd length). */
  | { kind: 'bad'; reason: string };

/**
 * Reads the frame at `offset` of `bytes`. `verifyChecksums: false` exists only for the planted bug
 * `skip-checksum`; the correct store always verifies.
 */
export function readFrame(bytes: Uint8Array, offset: number, verifyChecksums = true): FrameRead {
  const available = bytes.length - offset;
  assert(available > 0, 'readFrame: nothing to read');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (available < FRAME_HEADER_BYTES) {
    return isMagicPrefix(bytes, offset, available) ? { kind: 'short', headerComplete: false } : { kind: 'bad', reason: 'bad magic in a partial frame header' };
  }
  if (verifyChecksums) {
    if (view.getUint32(offset) !== FRAME_MAGIC) return { kind: 'bad', reason: 'bad frame magic' };
    if (crc32(bytes.subarray(offset, offset + 12)) !== view.getUint32(offset + 12)) return { kind: 'bad', reason: 'frame header checksum mismatch' };
  }
  const length = view.getUint32(offset + 4);
  if (length === 0 || length > PAYLOAD_BYTES_MAX) return { kind: 'bad', reason: `frame length ${length} out of bounds` };
  if (available < FRAME_HEADER_BYTES + length) return { kind: 'short', headerComplete: true };
  const payload = bytes.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length);
  if (verifyChecksums && crc32(payload) !== view.getUint32(offset + 8)) return { kind: 'bad', reason: 'payload checksum mismatch' };
  return { kind: 'frame', payload, frameBytes: FRAME_HEADER_BYTES + length };
}

function isMagicPrefix(bytes: Uint8Array, offset: number, available: number): boolean {
  for (let index = 0; index < Math.min(available, 4); index++) {
    if (bytes[offset + index] !== ((FRAME_MAGIC >>> (8 * (3 - index))) & 0xff)) return false;
  }
  return true;
}

export interface SegmentHeader {
  formatVersion: number;
  segmentIndex: number;
  firstLsn: number;
}

export function encodeSegmentHeader(header: { segmentIndex: number; firstLsn: number }): Uint8Array {
  const bytes = new Uint8Array(SEGMENT_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, SEGMENT_MAGIC);
  view.setUint16(4, FORMAT_VERSION);
  view.setUint16(6, SEGMENT_HEADER_BYTES);
  view.setUint32(8, header.segmentIndex);
  view.setUint32(12, header.firstLsn);
  view.setUint32(28, crc32(bytes.subarray(0, 28)));
  return bytes;
}

export type SegmentHeaderRead =
  | { kind: 'header'; header: SegmentHeader }
  /** Fewer than 32 bytes, each either zero or matching what a header starts with: a torn creation. */
  | { kind: 'short' }
  | { kind: 'bad'; reason: string };

export function readSegmentHeader(bytes: Uint8Array): SegmentHeaderRead {
  if (bytes.length < SEGMENT_HEADER_BYTES) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length >= 4 && view.getUint32(0) !== SEGMENT_MAGIC) return { kind: 'bad', reason: 'bad segment magic in a partial header' };
    return { kind: 'short' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== SEGMENT_MAGIC) return { kind: 'bad', reason: 'bad segment magic' };
  if (crc32(bytes.subarray(0, 28)) !== view.getUint32(28)) return { kind: 'bad', reason: 'segment header checksum mismatch' };
  const formatVersion = view.getUint16(4);
  if (formatVersion !== FORMAT_VERSION) return { kind: 'bad', reason: `unsupported segment format version ${formatVersion}` };
  if (view.getUint16(6) !== SEGMENT_HEADER_BYTES) return { kind: 'bad', reason: 'bad segment header size' };
  return { kind: 'header', header: { formatVersion, segmentIndex: view.getUint32(8), firstLsn: view.getUint32(12) } };
}

export function segmentName(prefix: string, segmentIndex: number): string {
  return `${prefix}-${String(segmentIndex).padStart(8, '0')}.seg`;
}

/** The segment index of a file name of this prefix, or null for other files. */
export function parseSegmentName(prefix: string, name: string): number | null {
  if (!name.startsWith(`${prefix}-`) || !name.endsWith('.seg')) return null;
  const digits = name.slice(prefix.length + 1, -4);
  if (!/^[0-9]{8}$/.test(digits)) return null;
  return Number(digits);
}

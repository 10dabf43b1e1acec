// One replicated log entry and its on-disk slot encoding.
//
// A slot is fixed-size (SLOT_BYTES): [crc32 u32 LE][payload length u16 LE][msgpackr payload][zero pad].
// The CRC covers the length and the payload. Fixed slots keep a corrupted record from hiding the records
// after it: slot k always holds entry k+1, so a flipped bit or a misdirected write costs one slot (a
// *hole*), never the rest of the log. Each entry also carries the term of the entry before it, so the
// slot after a hole still tells which term the hole held (the up-to-date and log-matching checks need it).
import { crc32 } from 'node:zlib';
import { Packr } from 'msgpackr';
import { assert } from '../../sim/assert.js';

export const SLOT_BYTES = 128;
const HEADER_BYTES = 6;
const PAYLOAD_BYTES_MAX = SLOT_BYTES - HEADER_BYTES;

export type EntryKind = 'noop' | 'append';

export interface LogEntry {
  /** 1-based global position in the log. */
  readonly index: number;
  /** Quorum: the primary's term. async / naive-quorum have no terms and write 0. */
  readonly term: number;
  /** Term of the entry at index - 1 (0 for the first entry). */
  readonly previousTerm: number;
  readonly kind: EntryKind;
  /** For appends: the stream, the client's event id, the stream version the append produced, the client. */
  readonly stream: string;
  readonly eventId: string;
  readonly version: number;
  readonly client: string;
}

const packr = new Packr({ useRecords: false });

/**
 * Entries are immutable and, inside one simulation, the same object travels from the primary to every
 * replica, so its slot is encoded once and cached on the entry (`slotCache`, never serialised or
 * compared). Callers get the same bytes they would get by encoding afresh; the disk copies what it is
 * given, so the cached array is never aliased by a file.
 */
export function encodeEntry(entry: LogEntry): Uint8Array {
  const cached = (entry as { slotCache?: Uint8Array }).slotCache;
  if (cached !== undefined) return cached;
  const slot = encodeSlot(entry);
  (entry as { slotCache?: Uint8Array }).slotCache = slot;
  return slot;
}

function encodeSlot(entry: LogEntry): Uint8Array {
  const payload = packr.pack([entry.index, entry.term, entry.previousTerm, entry.kind === 'noop' ? 0 : 1, entry.stream, entry.eventId, entry.version, entry.client]);
  assert(payload.length <= PAYLOAD_BYTES_MAX, `log entry ${entry.index} encodes to ${payload.length} bytes (> ${PAYLOAD_BYTES_MAX})`);
  const slot = new Uint8Array(SLOT_BYTES);
  const view = new DataView(slot.buffer);
  view.setUint16(4, payload.length, true);
  slot.set(payload, HEADER_BYTES);
  view.setUint32(0, crc32(slot.subarray(4, HEADER_BYTES + payload.length)) >>> 0, true);
  return slot;
}

/** The entry a slot holds, or null when the slot is torn, zeroed, corrupted or misplaced. */
export function decodeSlot(slot: Uint8Array, expectedIndex: number): LogEntry | null {
  if (slot.length < SLOT_BYTES) return null;
  const view = new DataView(slot.buffer, slot.byteOffset, SLOT_BYTES);
  const length = view.getUint16(4, true);
  if (length === 0 || length > PAYLOAD_BYTES_MAX) return null;
  if ((crc32(slot.subarray(4, HEADER_BYTES + length)) >>> 0) !== view.getUint32(0, true)) return null;
  let fields: unknown;
  try {
    fields = packr.unpack(slot.subarray(HEADER_BYTES, HEADER_BYTES + length));
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || fields.length !== 8) return null;
  const [index, term, previousTerm, kind, stream, eventId, version, client] = fields as unknown[];
  // A checksummed slot at the wrong place is a misdirected write: it is not this entry.
  if (index !== expectedIndex) return null;
  if (typeof term !== 'number' || typeof previousTerm !== 'number' || typeof version !== 'number') return null;
  if (typeof stream !== 'string' || typeof eventId !== 'string' || typeof client !== 'string') return null;
  return { index, term, previousTerm, kind: kind === 0 ? 'noop' : 'append', stream, eventId, version, client };
}

/** A short, stable fingerprint of an entry, for divergence checks across nodes. */
export function entryDigest(entry: LogEntry): string {
  return entry.kind === 'noop' ? `${entry.index}:${entry.term}:noop` : `${entry.index}:${entry.term}:${entry.stream}:${entry.eventId}:${entry.version}`;
}

// A replica's durable log and its small metadata record (term, vote), on the node's simulated disk.
//
// The log is kept in memory as the source of truth while the process runs; the disk is what a restart
// recovers from. Recovery reads fixed slots (see entry.ts): a slot that fails its checksum or names the
// wrong index becomes a *hole* (the node knows an entry was there but not what it was), a partial or
// invalid tail after the last valid slot is a torn tail and is cut, and so is everything from the first
// entry whose previous term disagrees with the entry before it (a truncate lost under a kept later
// write: see recover). Holes are repaired from peers; the owner must never serve or vote on what a
// hole held beyond the term the next slot records for it. A truncate is made durable before anything
// is written past it (truncationDurable).
// The metadata is written twice (two checksummed copies) and the highest valid sequence wins, so a bit
// flip in one copy, a torn write or a misdirected write never rolls the term or the vote back.
import { crc32 } from 'node:zlib';
import { assert } from '../../sim/assert.js';
import type { NodeDisk } from '../../sim/node.js';
import { SLOT_BYTES, decodeSlot, encodeEntry, type LogEntry } from './entry.js';

export const LOG_FILE = 'replica.log';
export const META_FILE = 'replica.meta';
const META_COPY_BYTES = 32;

export interface Meta {
  term: number;
  /** Vote cast in `term`, or '' for none. */
  votedFor: string;
}

export interface RecoveryReport {
  entries: number;
  holes: number;
  /** Slots cut from the tail: torn or corrupted bytes after the last valid entry, or from a previous-term mismatch on. */
  tailSlotsCut: number;
  metaCopiesValid: number;
}

export class ReplicaLog {
  /** Position i holds entry i+1, or null for a hole. */
  readonly entries: (LogEntry | null)[] = [];
  holeCount = 0;
  meta: Meta = { term: 0, votedFor: '' };
  /** Bumped by every truncate, so an fsync begun before it cannot vouch for entries written after it. */
  private epoch = 0;
  /** Counts every mutation; `clean` when an fsync begun after the latest one has completed. */
  private writeSerial = 0;
  private syncedSerial = 0;
  /** The write serial of the latest truncate (recovery's cut included); durable once `syncedSerial` reaches it. */
  private truncateSerial = 0;
  /** Highest index known durable (fsync completed covering it). */
  durableIndex = 0;
  private metaSequence = 0;
  metaDurableSequence = 0;
  readonly report: RecoveryReport;

  constructor(private readonly disk: NodeDisk) {
    this.report = this.recover();
  }

  get length(): number {
    return this.entries.length;
  }

  entry(index: number): LogEntry | null {
    return index >= 1 && index <= this.entries.length ? (this.entries[index - 1] ?? null) : null;
  }

  /** The term of entry `index`: from the entry, from the slot after a hole, or -1 when unknown. 0 for index 0. */
  termAt(index: number): number {
    if (index === 0) return 0;
    const entry = this.entry(index);
    if (entry !== null) return entry.term;
    const next = this.entry(index + 1);
    return next !== null ? next.previousTerm : -1;
  }

  get lastTerm(): number {
    return this.termAt(this.entries.length);
  }

  /** The first hole's index, or 0 when the log has none. */
  firstHole(): number {
    if (this.holeCount === 0) return 0;
    for (let position = 0; position < this.entries.length; position++) if (this.entries[position] === null) return position + 1;
    return 0;
  }

  append(entry: LogEntry): void {
    assert(entry.index === this.entries.length + 1, `append: entry ${entry.index} after ${this.entries.length}`);
    this.entries.push(entry);
    this.writeSerial++;
    this.disk.write(LOG_FILE, (entry.index - 1) * SLOT_BYTES, encodeEntry(entry));
  }

  /** Fills a hole with the entry a peer sent for it. */
  fill(entry: LogEntry): void {
    assert(this.entry(entry.index) === null && entry.index <= this.entries.length, `fill: ${entry.index} is not a hole`);
    this.entries[entry.index - 1] = entry;
    this.holeCount--;
    this.writeSerial++;
    this.disk.write(LOG_FILE, (entry.index - 1) * SLOT_BYTES, encodeEntry(entry));
  }

  /** Keeps entries 1..length. */
  truncate(length: number): LogEntry[] {
    assert(length >= 0 && length <= this.entries.length, `truncate: ${length} outside 0..${this.entries.length}`);
    if (length === this.entries.length) return [];
    const removed = this.entries.splice(length);
    for (const each of removed) if (each === null) this.holeCount--;
    this.epoch++;
    this.writeSerial++;
    this.truncateSerial = this.writeSerial;
    if (this.durableIndex > length) this.durableIndex = length;
    this.disk.truncate(LOG_FILE, length * SLOT_BYTES);
    // Start making the cut durable at once: nothing may be written past it until it is (see truncationDurable).
    this.sync(() => undefined);
    return removed.filter((each): each is LogEntry => each !== null);
  }

  /**
   * False from a truncate until an fsync begun after it completes. A power loss drops an unsynced
   * truncate and every write after it except, possibly, the last: an entry written past an unsynced cut
   * can come back beside the stale entries the cut removed (behind lost slots, where recovery cannot see
   * the mismatch). So a follower appends past a cut only once the cut is durable.
   */
  get truncationDurable(): boolean {
    return this.syncedSerial >= this.truncateSerial;
  }

  /** True when every write so far is covered by a completed fsync. */
  get clean(): boolean {
    return this.syncedSerial === this.writeSerial;
  }

  /** Makes every entry written so far durable, then calls `done` (if nothing was truncated meanwhile). */
  sync(done: () => void): void {
    const epoch = this.epoch;
    const covered = this.entries.length;
    const serial = this.writeSerial;
    this.disk.fsync(LOG_FILE, () => {
      if (serial > this.syncedSerial) this.syncedSerial = serial;
      if (epoch !== this.epoch) return;
      if (covered > this.durableIndex) this.durableIndex = Math.min(covered, this.entries.length);
      done();
    });
  }

  /** Writes the metadata (both copies) and fsyncs it; returns the sequence `metaDurableSequence` must reach. */
  saveMeta(meta: Meta, done: () => void): number {
    this.meta = { ...meta };
    const sequence = ++this.metaSequence;
    const copy = encodeMeta(sequence, meta);
    this.disk.write(META_FILE, 0, copy);
    this.disk.write(META_FILE, META_COPY_BYTES, copy);
    this.disk.fsync(META_FILE, () => {
      if (sequence > this.metaDurableSequence) this.metaDurableSequence = sequence;
      done();
    });
    return sequence;
  }

  private recover(): RecoveryReport {
    const size = this.disk.size(LOG_FILE);
    const slots = Math.floor(size / SLOT_BYTES);
    const bytes = this.disk.read(LOG_FILE, 0, slots * SLOT_BYTES);
    const decoded: (LogEntry | null)[] = [];
    let lastValid = 0;
    for (let slot = 0; slot < slots; slot++) {
      const entry = decodeSlot(bytes.subarray(slot * SLOT_BYTES, (slot + 1) * SLOT_BYTES), slot + 1);
      // Log matching, checked locally: an entry whose previous term is not the term of the entry before
      // it was written after a truncate (and the slots before it) that a power loss dropped, while the
      // last write survived. It and everything after it were never synced, so never acknowledged: cut.
      const before = slot === 0 ? null : (decoded[slot - 1] ?? null);
      if (entry !== null && before !== null && entry.previousTerm !== before.term) break;
      decoded.push(entry);
      if (entry !== null) lastValid = slot + 1;
    }
    for (let position = 0; position < lastValid; position++) {
      const entry = decoded[position] ?? null;
      this.entries.push(entry);
      if (entry === null) this.holeCount++;
    }
    // A torn or corrupted tail is cut; so is any partial slot. The cut is made durable like any truncate.
    if (size !== lastValid * SLOT_BYTES) {
      this.disk.truncate(LOG_FILE, lastValid * SLOT_BYTES);
      this.writeSerial++;
      this.truncateSerial = this.writeSerial;
      this.sync(() => undefined);
    }
    this.durableIndex = lastValid;
    const metaBytes = this.disk.read(META_FILE, 0, 2 * META_COPY_BYTES);
    let best: { sequence: number; meta: Meta } | null = null;
    let valid = 0;
    for (let copy = 0; copy < 2; copy++) {
      const decodedMeta = decodeMeta(metaBytes.subarray(copy * META_COPY_BYTES, (copy + 1) * META_COPY_BYTES));
      if (decodedMeta === null) continue;
      valid++;
      if (best === null || decodedMeta.sequence > best.sequence) best = decodedMeta;
    }
    if (best !== null) {
      this.meta = best.meta;
      this.metaSequence = best.sequence;
      this.metaDurableSequence = best.sequence;
    }
    return { entries: lastValid, holes: this.holeCount, tailSlotsCut: slots - lastValid, metaCopiesValid: valid };
  }
}

// Meta copy: [crc32 u32][sequence u32][term u32][vote length u8][vote bytes ≤ 19]
function encodeMeta(sequence: number, meta: Meta): Uint8Array {
  const vote = new TextEncoder().encode(meta.votedFor);
  assert(vote.length <= META_COPY_BYTES - 13, `meta: node id "${meta.votedFor}" too long`);
  const bytes = new Uint8Array(META_COPY_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, sequence >>> 0, true);
  view.setUint32(8, meta.term >>> 0, true);
  view.setUint8(12, vote.length);
  bytes.set(vote, 13);
  view.setUint32(0, crc32(bytes.subarray(4)) >>> 0, true);
  return bytes;
}

function decodeMeta(bytes: Uint8Array): { sequence: number; meta: Meta } | null {
  if (bytes.length < META_COPY_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, META_COPY_BYTES);
  if ((crc32(bytes.subarray(4, META_COPY_BYTES)) >>> 0) !== view.getUint32(0, true)) return null;
  const sequence = view.getUint32(4, true);
  if (sequence === 0) return null;
  const voteLength = view.getUint8(12);
  if (voteLength > META_COPY_BYTES - 13) return null;
  return { sequence, meta: { term: view.getUint32(8, true), votedFor: new TextDecoder().decode(bytes.subarray(13, 13 + voteLength)) } };
}

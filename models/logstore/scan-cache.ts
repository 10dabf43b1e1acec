// A memo of the recovery scan, kept by whoever restarts a store on the same disk many times (the
// simulated node across its incarnations, the end-of-run checker).
//
// Decoding and verifying a segment is a pure function of its bytes. The cache keeps, per segment
// file, a copy of bytes known to verify and the records they decode to. A later scan compares the
// file's current bytes with that copy and, only when they are identical, takes the records of the
// longest run of whole frames that is byte-identical, and goes on verifying from where that run ends.
// Whatever changed — a cut or torn tail after a power loss, a bit flip, a misdirected write — is read
// and verified again, as is everything after it. So a scan with the cache returns exactly what a scan
// without it returns; only the work for unchanged frames is skipped.
//
// Two sources fill it: a scan remembers what it verified, and the store's writer adds each frame it
// wrote (and read back) at the end of a cached prefix, with the record a scan would decode from it
// (`decodedRecord`). A copy is only ever extended by a frame that continues it exactly — at its end,
// with the next lsn — so it stays a verified prefix whatever happens to the file itself.
// Records handed out are shared between scans: never mutate them.
import { assert } from '../../sim/assert.js';
import { SEGMENT_HEADER_BYTES, type LogRecord } from './codec.js';

interface CachedSegment {
  firstLsn: number;
  verifyChecksums: boolean;
  /** The verified prefix is `bytes[0, size)`; the rest is room to grow. */
  bytes: Uint8Array;
  size: number;
  records: LogRecord[];
  /** Where each record's frame ends. */
  ends: number[];
}

/** Where a scan may resume: the records of an unchanged verified prefix, their frame ends, its end. */
export interface ScanStart {
  offset: number;
  records: readonly LogRecord[];
  ends: readonly number[];
}

export class ScanCache {
  private readonly segments = new Map<string, CachedSegment>();
  /** Segments whose cached prefix matched (for tests and figures). */
  hits = 0;
  misses = 0;
  /** Frames added by the writer (for tests and figures). */
  written = 0;

  /** The reusable start of segment `name` given its current bytes; undefined: scan from the header. */
  resume(name: string, bytes: Uint8Array, firstLsn: number, verifyChecksums: boolean): ScanStart | undefined {
    const cached = this.segments.get(name);
    if (cached === undefined || cached.firstLsn !== firstLsn || cached.verifyChecksums !== verifyChecksums) {
      this.misses++;
      return undefined;
    }
    // The most whole frames whose bytes are unchanged. Equality of a prefix holds for every shorter
    // prefix too, so a binary search over frame ends needs O(log n) comparisons.
    const endOf = (count: number): number => (count === 0 ? SEGMENT_HEADER_BYTES : (cached.ends[count - 1] as number));
    const same = (count: number): boolean => {
      const end = endOf(count);
      return end <= bytes.length && Buffer.compare(cached.bytes.subarray(0, end), bytes.subarray(0, end)) === 0;
    };
    let low = 0;
    let high = cached.records.length;
    // Most scans find the file unchanged (or only grown): one comparison then.
    if (same(high)) low = high;
    else if (!same(0)) {
      this.misses++;
      return undefined;
    }
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (same(middle)) low = middle;
      else high = middle - 1;
    }
    if (low === 0) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return { offset: endOf(low), records: cached.records.slice(0, low), ends: cached.ends.slice(0, low) };
  }

  /** Remembers what a scan verified in `name`: `bytes[0, goodBytes)` decoded to `records`, whose frames end at `ends`. */
  remember(name: string, bytes: Uint8Array, goodBytes: number, firstLsn: number, verifyChecksums: boolean, records: readonly LogRecord[], ends: readonly number[]): void {
    assert(records.length === ends.length && (ends.length === 0 || ends[ends.length - 1] === goodBytes), 'scan cache: frame ends must cover the verified prefix');
    const copy = new Uint8Array(roomFor(goodBytes));
    copy.set(bytes.subarray(0, goodBytes));
    this.segments.set(name, { firstLsn, verifyChecksums, bytes: copy, size: goodBytes, records: records.slice(), ends: ends.slice() });
  }

  /** The writer created segment `name`: its verified header, no records yet. */
  started(name: string, header: Uint8Array, firstLsn: number, verifyChecksums: boolean): void {
    assert(header.length === SEGMENT_HEADER_BYTES, 'scan cache: a segment starts with its header');
    this.remember(name, header, SEGMENT_HEADER_BYTES, firstLsn, verifyChecksums, [], []);
  }

  /**
   * The writer wrote `frame` (record `lsn`) at `offset` of `name` and read it back. When it continues
   * the cached prefix exactly, the prefix grows by it and `record()` (what a scan decodes from the
   * frame; null: undecodable) is kept. Otherwise nothing changes: the next scan reads the frame.
   */
  appended(name: string, offset: number, frame: Uint8Array, lsn: number, record: () => LogRecord | null): void {
    const cached = this.segments.get(name);
    if (cached === undefined || cached.size !== offset || cached.firstLsn + cached.records.length !== lsn) return;
    const decoded = record();
    if (decoded === null) return;
    assert(decoded.lsn === lsn, 'scan cache: a written record carries its lsn');
    const end = offset + frame.length;
    if (end > cached.bytes.length) {
      const grown = new Uint8Array(roomFor(end));
      grown.set(cached.bytes.subarray(0, cached.size));
      cached.bytes = grown;
    }
    cached.bytes.set(frame, offset);
    cached.size = end;
    cached.records.push(decoded);
    cached.ends.push(end);
    this.written++;
  }

  /** Drops segments no longer on the disk. */
  retain(names: ReadonlySet<string>): void {
    for (const name of [...this.segments.keys()]) if (!names.has(name)) this.segments.delete(name);
  }
}

/** Capacity for a prefix of `bytes`, with room for it to grow by half again. */
function roomFor(bytes: number): number {
  return Math.max(1024, bytes + (bytes >>> 1));
}

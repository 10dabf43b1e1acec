// A memo of the recovery scan, kept by whoever restarts a store on the same disk many times (the
// simulated node across its incarnations, the end-of-run checker).
//
// Decoding and verifying a segment is a pure function of its bytes. The cache keeps, per segment
// file, a copy of the bytes the last scan verified and the records they decoded to. A later scan
// compares the file's current bytes with that copy (one memcmp) and, only when they are identical,
// takes the records of the longest run of whole frames that is byte-identical, and goes on verifying
// from where that run ends. Whatever changed — a cut or torn tail after a power loss, a bit flip, a
// misdirected write — is read and verified again, as is everything after it. So a scan with the cache
// returns exactly what a scan without it returns; only the work for unchanged frames is skipped.
// Records handed out are shared between scans: never mutate them.
import { SEGMENT_HEADER_BYTES, type LogRecord } from './codec.js';

interface CachedSegment {
  firstLsn: number;
  verifyChecksums: boolean;
  /** The verified prefix [0, goodBytes) of the file as it was scanned. */
  bytes: Uint8Array;
  records: readonly LogRecord[];
  /** Where each record's frame ends. */
  ends: readonly number[];
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
    if (!same(0)) {
      this.misses++;
      return undefined;
    }
    let low = 0;
    let high = cached.records.length;
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
    this.segments.set(name, { firstLsn, verifyChecksums, bytes: bytes.slice(0, goodBytes), records, ends });
  }

  /** Drops segments no longer on the disk. */
  retain(names: ReadonlySet<string>): void {
    for (const name of [...this.segments.keys()]) if (!names.has(name)) this.segments.delete(name);
  }
}

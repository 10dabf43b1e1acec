// Recovery scan: reads every segment, verifies every checksum and the lsn chain, and decides what the
// end of the log is. It only reads; the store applies the plan (cut, remove) and makes it durable.
//
// Torn tail versus damage. The disk (sim/disk.ts) tears only the *last unsynced write* of a file at a
// power loss, keeping a correct prefix of it, and zero-fills where earlier unsynced writes were lost.
// So a torn tail always looks like: zero bytes, then at most one frame prefix (or one whole frame)
// that runs exactly to the end of the file. Anything else after the last good frame — a complete frame
// header with a bad checksum, a frame with a bad payload checksum or the wrong lsn, garbage followed
// by more data — cannot come from a crash. It is damage to written data (bit flip, misdirected write)
// and is reported as corruption: the store serves nothing past it and never silently skips it.
import { decodePayload, parseSegmentName, readFrame, readSegmentHeader, SEGMENT_HEADER_BYTES, type LogRecord } from './codec.js';
import type { NodeDisk } from '../../sim/node.js';
import type { ScanCache, ScanStart } from './scan-cache.js';

export interface Corruption {
  file: string;
  offset: number;
  reason: string;
  /** The last lsn that verified before the damage (0: none). */
  lastGoodLsn: number;
  /** Filled in by the store: the last global position it still serves (events past it are refused). */
  lastGoodPosition: number;
  /** 'recovery' (found by the scan at start) or 'write' (found by read-back verification while running). */
  detectedBy: 'recovery' | 'write';
}

export interface TornTail {
  file: string;
  offset: number;
  bytesCut: number;
}

export interface ScannedSegment {
  name: string;
  segmentIndex: number;
  firstLsn: number;
  /** Bytes of verified content (header + good frames). */
  goodBytes: number;
  fileBytes: number;
}

export interface ScanResult {
  records: LogRecord[];
  segments: ScannedSegment[];
  tornTail: TornTail | null;
  /** Segments after a torn tail: they can hold only unacknowledged records, and are removed. */
  segmentsToRemove: string[];
  corruption: Corruption | null;
}

export interface ScanOptions {
  prefix: string;
  /** False only under the planted bug `skip-checksum`. */
  verifyChecksums: boolean;
  /** Reuses what earlier scans of this disk verified, where the bytes are unchanged (scan-cache.ts). */
  cache?: ScanCache;
}

/** Segment files of `prefix`, in index order. */
export function listSegments(disk: NodeDisk, prefix: string): { name: string; segmentIndex: number }[] {
  const found: { name: string; segmentIndex: number }[] = [];
  for (const name of disk.list()) {
    const segmentIndex = parseSegmentName(prefix, name);
    if (segmentIndex !== null) found.push({ name, segmentIndex });
  }
  return found.sort((a, b) => a.segmentIndex - b.segmentIndex);
}

export function scanLog(disk: NodeDisk, options: ScanOptions): ScanResult {
  const files = listSegments(disk, options.prefix);
  options.cache?.retain(new Set(files.map((file) => file.name)));
  const result: ScanResult = { records: [], segments: [], tornTail: null, segmentsToRemove: [], corruption: null };
  let expectedLsn = 1;
  const corrupt = (file: string, offset: number, reason: string): ScanResult => {
    result.corruption = { file, offset, reason, lastGoodLsn: expectedLsn - 1, lastGoodPosition: 0, detectedBy: 'recovery' };
    return result;
  };
  const cutAfter = (index: number): void => {
    for (const later of files.slice(index + 1)) result.segmentsToRemove.push(later.name);
  };
  for (let index = 0; index < files.length; index++) {
    const { name, segmentIndex } = files[index] as { name: string; segmentIndex: number };
    const bytes = disk.read(name, 0, disk.size(name));
    const previous = files[index - 1];
    if (previous !== undefined && segmentIndex !== previous.segmentIndex + 1) {
      return corrupt(name, 0, `segment ${segmentIndex} does not follow segment ${previous.segmentIndex}: a segment is missing`);
    }
    const header = readSegmentHeader(bytes);
    if (header.kind === 'short' || (header.kind === 'bad' && isTornTail(bytes, 0))) {
      // A segment whose creation was torn by a power loss (its header lost or partial, at most the last
      // unsynced write surviving after it): nothing in it was ever acknowledged.
      result.tornTail = { file: name, offset: 0, bytesCut: bytes.length };
      result.segmentsToRemove.push(name);
      cutAfter(index);
      return result;
    }
    if (header.kind === 'bad') return corrupt(name, 0, header.reason);
    if (header.header.segmentIndex !== segmentIndex) return corrupt(name, 0, `segment header says index ${header.header.segmentIndex}, file name says ${segmentIndex}`);
    if (previous !== undefined && header.header.firstLsn > expectedLsn) {
      // The previous segment verified to its end but stops short of where this one starts: its last
      // records were unsynced and a power loss dropped them whole, while this segment's fsync (issued
      // later, completed first) kept it. A record commits only once every earlier one is durable, so
      // nothing from the lost records on was acknowledged: the log ends where the previous segment ends.
      result.tornTail = { file: name, offset: 0, bytesCut: bytes.length };
      result.segmentsToRemove.push(name);
      cutAfter(index);
      return result;
    }
    if (header.header.firstLsn !== expectedLsn) return corrupt(name, 0, `segment starts at lsn ${header.header.firstLsn}, expected ${expectedLsn}`);
    const segment: ScannedSegment = { name, segmentIndex, firstLsn: expectedLsn, goodBytes: SEGMENT_HEADER_BYTES, fileBytes: bytes.length };
    result.segments.push(segment);
    const start = options.cache?.resume(name, bytes, expectedLsn, options.verifyChecksums);
    const scanned = scanFrames(bytes, expectedLsn, options.verifyChecksums, start);
    options.cache?.remember(name, bytes, scanned.goodBytes, expectedLsn, options.verifyChecksums, scanned.records, scanned.ends);
    for (const record of scanned.records) result.records.push(record);
    expectedLsn += scanned.records.length;
    segment.goodBytes = scanned.goodBytes;
    if (scanned.stop !== null) {
      const { offset, problem } = scanned.stop;
      if (!options.verifyChecksums || isTornTail(bytes, offset)) {
        // Under `skip-checksum` the store cannot tell damage from a tear, and cuts whatever it cannot read.
        result.tornTail = { file: name, offset, bytesCut: bytes.length - offset };
        cutAfter(index);
        return result;
      }
      return corrupt(name, offset, problem);
    }
  }
  return result;
}

/**
 * Reads the frames of one segment's bytes (after its header), checking the lsn chain from `firstLsn`.
 * Stops at the first frame that does not verify; `stop` is null when every byte was accounted for.
 * `start`: the records of a prefix already verified byte for byte (a scan cache hit); reading resumes
 * after it.
 */
export function scanFrames(bytes: Uint8Array, firstLsn: number, verifyChecksums: boolean, start?: ScanStart): FramesScan {
  const records: LogRecord[] = start === undefined ? [] : start.records.slice();
  const ends: number[] = start === undefined ? [] : start.ends.slice();
  let expectedLsn = firstLsn + records.length;
  let offset = start?.offset ?? SEGMENT_HEADER_BYTES;
  while (offset < bytes.length) {
    const frame = readFrame(bytes, offset, verifyChecksums);
    if (frame.kind !== 'frame') return { records, ends, goodBytes: offset, stop: { offset, problem: frame.kind === 'short' ? 'incomplete frame' : frame.reason } };
    const record = decodePayload(frame.payload);
    if (record === null) return { records, ends, goodBytes: offset, stop: { offset, problem: 'undecodable record payload' } };
    if (record.lsn !== expectedLsn) return { records, ends, goodBytes: offset, stop: { offset, problem: `record lsn ${record.lsn} where ${expectedLsn} was expected` } };
    records.push(record);
    expectedLsn++;
    offset += frame.frameBytes;
    ends.push(offset);
  }
  return { records, ends, goodBytes: offset, stop: null };
}

export interface FramesScan {
  records: LogRecord[];
  /** Where each record's frame ends. */
  ends: number[];
  /** Bytes verified: the header and every good frame. */
  goodBytes: number;
  stop: { offset: number; problem: string } | null;
}

/** True when `bytes[offset..]` is zeros followed by at most one frame prefix (or whole frame) to EOF. */
export function isTornTail(bytes: Uint8Array, offset: number): boolean {
  let start = offset;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return true;
  const frame = readFrame(bytes, start, true);
  if (frame.kind === 'short') return true;
  // A whole, valid frame ending exactly at EOF after a zero gap: the last unsynced write survived
  // while earlier unsynced ones were lost. Without the gap it would have been read as the next record.
  return frame.kind === 'frame' && start > offset && start + frame.frameBytes === bytes.length;
}

// Proves the codec round-trips and that recovery tells a torn tail (zeros, then at most one frame
// prefix or whole frame to end of file, or a segment that starts past the clean end of the one before)
// from damage (anything else), on hand-built segment bytes.
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, encodeRecord, encodeSegmentHeader, readFrame, readSegmentHeader, SEGMENT_HEADER_BYTES, segmentName, type LogRecord } from './codec.js';
import { isTornTail, scanFrames, scanLog } from './recovery.js';
import { LogStore } from './store.js';
import { createTestHost } from '../../sim/test-host.js';

const record = (lsn: number): LogRecord => ({ kind: 1, lsn, streamId: 's', firstVersion: lsn, firstPosition: lsn, events: [{ id: `e${lsn}`, type: 'T', data: `data-${lsn}` }] });
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
};
const header = encodeSegmentHeader({ segmentIndex: 1, firstLsn: 1 });
const frames = [1, 2, 3].map((lsn) => encodeRecord(record(lsn)));
const tailOffset = SEGMENT_HEADER_BYTES + (frames[0] as Uint8Array).length + (frames[1] as Uint8Array).length;

describe('codec', () => {
  it('round-trips every record kind and the segment header', () => {
    const records: LogRecord[] = [
      record(1),
      { kind: 2, lsn: 2, streamId: 's', toVersion: 1 },
      { kind: 3, lsn: 3, persistenceId: 'p', sequenceNr: 4, timestamp: 5, data: { big: 'x'.repeat(20_000) } },
      { kind: 4, lsn: 4, persistenceId: 'p', minSequenceNr: 0, maxSequenceNr: 9, minTimestamp: 0, maxTimestamp: 99 },
    ];
    for (const each of records) expect(decodePayload(encodePayload(each))).toEqual(each);
    expect(readSegmentHeader(header)).toEqual({ kind: 'header', header: { formatVersion: 1, segmentIndex: 1, firstLsn: 1 } });
    expect(decodePayload(new Uint8Array([0xc1]))).toBeNull();
  });

  it('verifies both checksums of a frame', () => {
    const frame = (frames[0] as Uint8Array).slice();
    expect(readFrame(frame, 0).kind).toBe('frame');
    frame[frame.length - 1] = (frame[frame.length - 1] as number) ^ 1;
    expect(readFrame(frame, 0)).toEqual({ kind: 'bad', reason: 'payload checksum mismatch' });
    const length = (frames[0] as Uint8Array).slice();
    length[7] = (length[7] as number) ^ 1;
    expect(readFrame(length, 0)).toEqual({ kind: 'bad', reason: 'frame header checksum mismatch' });
  });
});

describe('torn tail versus damage', () => {
  const last = frames[2] as Uint8Array;
  const good = concat(header, frames[0] as Uint8Array, frames[1] as Uint8Array);

  it('a clean segment scans to the end', () => {
    expect(scanFrames(concat(good, last), 1, true)).toMatchObject({ stop: null, records: [{ lsn: 1 }, { lsn: 2 }, { lsn: 3 }] });
  });

  it('calls a prefix of the last frame, zeros, or a whole frame after a zero gap torn', () => {
    for (const kept of [1, 5, 16, 17, last.length - 1]) expect(isTornTail(concat(good, last.subarray(0, kept)), tailOffset)).toBe(true);
    expect(isTornTail(concat(good, new Uint8Array(40)), tailOffset)).toBe(true);
    expect(isTornTail(concat(good, new Uint8Array(40), last), tailOffset)).toBe(true);
    expect(isTornTail(concat(good, new Uint8Array(40), last.subarray(0, 9)), tailOffset)).toBe(true);
  });

  it('calls damage anything a crash cannot produce', () => {
    const flipped = last.slice();
    flipped[20] = (flipped[20] as number) ^ 8;
    expect(isTornTail(concat(good, flipped), tailOffset)).toBe(false);
    const badHeader = last.slice();
    badHeader[5] = (badHeader[5] as number) ^ 2;
    expect(isTornTail(concat(good, badHeader), tailOffset)).toBe(false);
    expect(isTornTail(concat(good, last.subarray(0, 10), last), tailOffset)).toBe(false);
    expect(isTornTail(concat(good, new Uint8Array(8), last, last), tailOffset)).toBe(false);
    expect(isTornTail(concat(good, new Uint8Array([1, 2, 3])), tailOffset)).toBe(false);
  });

  it('stops at a frame whose lsn breaks the chain (a valid frame in the wrong place)', () => {
    expect(scanFrames(concat(good, frames[0] as Uint8Array), 1, true).stop).toEqual({ offset: tailOffset, problem: 'record lsn 1 where 3 was expected' });
  });
});

describe('a segment that starts past the end of the one before', () => {
  // Segment 1 holds lsns 1..2 and ends cleanly; segment `second` starts at `firstLsn`. Writing lsn 3 to
  // segment 1 and lsn 3.. to a new segment is what rotation does; a power loss that drops segment 1's
  // unsynced last record while segment 2's fsync (which completed first) kept it leaves this disk.
  const disk = (firstLsn: number) => {
    const host = createTestHost();
    const view = host.nodeDisk();
    view.write(segmentName('log', 1), 0, concat(header, frames[0] as Uint8Array, frames[1] as Uint8Array));
    view.write(segmentName('log', 2), 0, concat(encodeSegmentHeader({ segmentIndex: 2, firstLsn }), encodeRecord(record(firstLsn))));
    return { host, view };
  };

  it('is a torn tail when the earlier segment verified to its end: the later segment is removed, nothing is corrupt', () => {
    const { view } = disk(4);
    const scan = scanLog(view, { prefix: 'log', verifyChecksums: true });
    expect(scan.corruption).toBeNull();
    expect(scan.records.map((each) => each.lsn)).toEqual([1, 2]);
    expect(scan.tornTail).toMatchObject({ file: segmentName('log', 2), offset: 0 });
    expect(scan.segmentsToRemove).toEqual([segmentName('log', 2)]);
  });

  it('lets the store recover and continue at the lsn after the earlier segment', () => {
    const { host, view } = disk(4);
    const store = new LogStore(view, { durability: 'fsync', timers: host.timers });
    const report = store.recover();
    host.settle();
    expect(report.corruption).toBeNull();
    expect(report.removedSegments).toEqual([segmentName('log', 2)]);
    expect(store.state).toBe('ready');
    let appended: unknown = null;
    store.append('t', [{ id: 'x', type: 'T', data: 1 }], 'any', (result) => (appended = result));
    host.settle();
    expect(appended).toMatchObject({ ok: true, firstPosition: 3 });
    const again = scanLog(view, { prefix: 'log', verifyChecksums: true });
    expect(again.corruption).toBeNull();
    expect(again.records.map((each) => each.lsn)).toEqual([1, 2, 3]);
  });

  it('is still damage when a segment starts before the end of the one before, or the first segment does not start at lsn 1', () => {
    expect(scanLog(disk(2).view, { prefix: 'log', verifyChecksums: true }).corruption).toMatchObject({ reason: 'segment starts at lsn 2, expected 3' });
    const host = createTestHost();
    host.nodeDisk().write(segmentName('log', 1), 0, concat(encodeSegmentHeader({ segmentIndex: 1, firstLsn: 2 }), encodeRecord(record(2))));
    expect(scanLog(host.nodeDisk(), { prefix: 'log', verifyChecksums: true }).corruption).toMatchObject({ reason: 'segment starts at lsn 2, expected 1' });
  });
});

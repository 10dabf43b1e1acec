// Proves each log store property on hand-written histories: it accepts a valid one and rejects the
// invalid one it exists to catch, naming the event, the client and the time in its message.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../sim/history.js';
import { checkLogStore, type FaultMark, type FinalLog } from './index.js';

type Event = { id: string; streamId: string; version: number; position: number; data: unknown };
const history: HistoryEvent[] = [];
let clock = 0;

function reset(): void {
  history.length = 0;
  clock = 0;
}
function op(process: number, f: string, invoke: unknown, type: 'ok' | 'fail' | 'info', result: unknown, key?: string): void {
  history.push({ process, type: 'invoke', f, value: invoke, time: (clock += 10), ...(key === undefined ? {} : { key }) });
  history.push({ process, type, f, value: result, time: (clock += 10), node: 'n1', ...(key === undefined ? {} : { key }) });
}
function append(process: number, streamId: string, ids: string[], firstVersion: number, firstPosition: number, idempotent = false): void {
  op(process, 'append', { streamId, expected: 'any', events: ids.map((id) => ({ id, type: 'T', data: `d-${id}` })) }, 'ok', { firstVersion, lastVersion: firstVersion + ids.length - 1, firstPosition, lastPosition: firstPosition + ids.length - 1, idempotent }, streamId);
}
function read(process: number, streamId: string, events: Event[], version: number, fromVersion = 1, deletedTo = 0): void {
  op(process, 'read', { streamId, fromVersion, maxCount: 100 }, 'ok', { version, deletedTo, events }, streamId);
}
const ev = (id: string, streamId: string, version: number, position: number, data: unknown = `d-${id}`): Event => ({ id, streamId, version, position, data });
const finalOf = (events: Event[], corruption: FinalLog['corruption'] = null): FinalLog => ({ node: 'n1', events, corruption });
const flip: FaultMark[] = [{ atMicros: 5, kind: 'bitFlip', detail: 'bitFlip log-00000001.seg@100', file: 'log-00000001.seg' }];
const flipElsewhere: FaultMark[] = [{ atMicros: 5, kind: 'bitFlip', detail: 'bitFlip log-00000002.seg@100', file: 'log-00000002.seg' }];
const power: FaultMark[] = [{ atMicros: 45, kind: 'powerLoss', detail: 'power loss' }];
const properties = (final: FinalLog, media: FaultMark[] = [], crashes: FaultMark[] = []): string[] => checkLogStore(history, final, media, crashes, Number.MAX_SAFE_INTEGER).violations.map((violation) => violation.property);

describe('log store properties', () => {
  it('accept a valid history', () => {
    reset();
    append(0, 's', ['a', 'b'], 1, 1);
    append(1, 't', ['c'], 1, 3);
    append(0, 's', ['a', 'b'], 1, 1, true);
    read(0, 's', [ev('a', 's', 1, 1), ev('b', 's', 2, 2)], 2);
    read(1, 's', [ev('b', 's', 2, 2)], 2, 2);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 2, 2), ev('c', 't', 1, 3)]))).toEqual([]);
  });

  it('acked-appends-durable: a silently missing acknowledged event, naming it and when it was acknowledged', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    append(1, 's', ['b'], 2, 2);
    const result = checkLogStore(history, finalOf([ev('a', 's', 1, 1)]), [], power, Number.MAX_SAFE_INTEGER);
    expect(result.violations.map((violation) => violation.property)).toEqual(['acked-appends-durable']);
    expect(result.violations[0]?.message).toBe('lost acknowledged event b (stream s version 2, position 2), acknowledged to client c2 by n1 at 40µs: the recovered log ends at position 1; it vanished in or after the power loss at 45µs');
  });

  it('acked-appends-durable: loss past declared corruption is excused only when a media fault was injected', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    append(0, 's', ['b'], 2, 2);
    const corruption = { file: 'log-00000001.seg', offset: 80, reason: 'payload checksum mismatch', lastGoodPosition: 1 };
    const excused = checkLogStore(history, finalOf([ev('a', 's', 1, 1)], corruption), flip, [], Number.MAX_SAFE_INTEGER);
    expect(excused.violations).toEqual([]);
    expect(excused.lostToDetectedCorruption).toBe(1);
    expect(properties(finalOf([ev('a', 's', 1, 1)], corruption))).toEqual(['acked-appends-durable', 'acked-appends-durable']);
    expect(properties(finalOf([ev('a', 's', 1, 1)], corruption), flipElsewhere)).toEqual(['acked-appends-durable', 'acked-appends-durable']);
  });

  it('acked-appends-durable: a duplicate of a retried event', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('a', 's', 2, 2)]))).toContain('acked-appends-durable');
  });

  it('no-corrupted-payload: a read returning data that differs from what was appended', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    read(1, 's', [ev('a', 's', 1, 1, 'd-b')], 1);
    expect(properties(finalOf([ev('a', 's', 1, 1)]))).toEqual(['no-corrupted-payload']);
  });

  it('stream-versions-contiguous: a gap in a read and in the recovered log', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    append(0, 's', ['b'], 3, 2);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 3, 2)]))).toEqual(['stream-versions-contiguous']);
    read(1, 's', [ev('a', 's', 1, 1), ev('b', 's', 3, 2)], 3);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 3, 2)]))).toEqual(['stream-versions-contiguous', 'stream-versions-contiguous']);
  });

  it('no-conflicting-appends: two different events acknowledged at one stream version', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    append(1, 's', ['b'], 1, 2);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 1, 2)]))).toEqual(['stream-versions-contiguous', 'no-conflicting-appends', 'no-conflicting-appends']);
  });

  it("read-your-writes: a client's later read misses its own acknowledged append", () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    append(0, 's', ['b'], 2, 2);
    read(0, 's', [ev('a', 's', 1, 1)], 2);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 2, 2)]))).toEqual(['read-your-writes']);
  });

  it('read-your-writes: also when acknowledged versions do not rise (a retry acknowledged again later)', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    append(0, 's', ['b'], 2, 2);
    append(0, 's', ['a'], 1, 1, true);
    read(0, 's', [ev('b', 's', 2, 2)], 2);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 2, 2)]))).toEqual(['read-your-writes']);
  });

  it('read-your-writes: judges only the window a read covered', () => {
    reset();
    append(0, 's', ['a'], 1, 1);
    append(0, 's', ['b'], 2, 2);
    append(0, 's', ['c'], 3, 3);
    read(0, 's', [ev('c', 's', 3, 3)], 3, 3);
    op(0, 'read', { streamId: 's', fromVersion: 2, maxCount: 1 }, 'ok', { version: 3, deletedTo: 0, events: [ev('b', 's', 2, 2)] }, 's');
    const final = finalOf([ev('a', 's', 1, 1), ev('b', 's', 2, 2), ev('c', 's', 3, 3)]);
    expect(properties(final)).toEqual([]);
    op(0, 'read', { streamId: 's', fromVersion: 2, maxCount: 2 }, 'ok', { version: 3, deletedTo: 0, events: [ev('b', 's', 2, 2), ev('x', 's', 3, 3)] }, 's');
    expect(properties(final)).toContain('read-your-writes');
  });

  it('highest-never-decreases: a read invoked after a higher version was observed sees a lower one', () => {
    reset();
    append(0, 's', ['a', 'b'], 1, 1);
    read(1, 's', [], 0, 1, 0);
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 2, 2)]))).toEqual(['highest-never-decreases']);
  });

  it('read-all-never-skips: a read of the whole log that passes over a position', () => {
    reset();
    append(0, 's', ['a', 'b'], 1, 1);
    op(1, 'readAll', { afterPosition: 0, maxCount: 10 }, 'ok', { committedPosition: 2, corrupt: false, events: [ev('a', 's', 1, 1), ev('b', 's', 2, 2)] });
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 2, 2)]))).toEqual([]);
    op(1, 'readAll', { afterPosition: 0, maxCount: 10 }, 'ok', { committedPosition: 2, corrupt: false, events: [ev('b', 's', 2, 2)] });
    expect(properties(finalOf([ev('a', 's', 1, 1), ev('b', 's', 2, 2)]))).toEqual(['read-all-never-skips']);
  });

  it('progress-after-heal: appends after the heal that never succeed are a liveness failure', () => {
    reset();
    op(0, 'append', { streamId: 's', expected: 'any', events: [{ id: 'a', type: 'T', data: 'd-a' }] }, 'info', null, 's');
    const result = checkLogStore(history, finalOf([]), [], [], 0);
    expect(result.violations.map((violation) => [violation.property, violation.kind])).toEqual([['progress-after-heal', 'liveness']]);
  });
});

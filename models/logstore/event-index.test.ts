// The store's index on its own: written events become readable only as they commit, in position
// order; subscribers see each committed event once; retries are recognised by their event ids.
import { describe, expect, it } from 'vitest';
import { EventIndex } from './event-index.js';
import type { StoredEvent } from './store-types.js';

function append(index: EventIndex, streamId: string, ids: string[], lsn: number): StoredEvent[] {
  const stream = index.streamFor(streamId);
  const record = { kind: 1 as const, lsn, streamId, firstVersion: stream.version + 1, firstPosition: index.writtenPosition + 1, events: ids.map((id) => ({ id, type: 'T', data: id })) };
  return index.addAppend(stream, record, true);
}

describe('event index', () => {
  it('serves only the committed prefix, and subscribers each committed event once, in order', () => {
    const index = new EventIndex();
    const seen: number[] = [];
    index.subscribe(0, (event) => seen.push(event.position), () => index.committedPosition);
    const first = append(index, 'a', ['a1', 'a2'], 1);
    const second = append(index, 'b', ['b1'], 2);
    expect(index.writtenPosition).toBe(3);
    expect(index.readStream('a', 1, 10).events).toEqual([]);
    for (const event of first) index.commit(index.streamFor('a'), event, () => index.committedPosition);
    expect(index.readStream('a', 1, 10)).toMatchObject({ version: 2, events: [{ id: 'a1', version: 1 }, { id: 'a2', version: 2 }] });
    expect(index.readRange(0, index.committedPosition).map((event) => event.id)).toEqual(['a1', 'a2']);
    expect(seen).toEqual([1, 2]);
    // Out of position order is a programmer error.
    expect(() => index.commit(index.streamFor('b'), { ...(second[0] as StoredEvent), position: 5 }, () => index.committedPosition)).toThrow(/commits after/);
    index.commit(index.streamFor('b'), second[0] as StoredEvent, () => index.committedPosition);
    expect(seen).toEqual([1, 2, 3]);
    expect(index.positionThroughLsn(1)).toBe(2);
  });

  it('recognises a retry by its ids: the original placement, a conflict, or a misplaced retry', () => {
    const index = new EventIndex();
    append(index, 's', ['e1', 'e2'], 1);
    const stream = index.streamFor('s');
    const events = (ids: string[]) => ids.map((id) => ({ id, type: 'T', data: null }));
    expect(index.retryOf(stream, 's', events(['new']), 'any')).toBeNull();
    expect(index.retryOf(stream, 's', events(['e1', 'e2']), 'no_stream')).toMatchObject({ ok: true, result: { firstVersion: 1, lastVersion: 2, idempotent: true }, lastLsn: 1, pending: true });
    expect(index.retryOf(stream, 's', events(['e1', 'new']), 'any')).toMatchObject({ ok: false, result: { reason: 'idempotency-conflict' } });
    expect(index.retryOf(stream, 's', events(['e2']), 'no_stream')).toMatchObject({ ok: false, result: { reason: 'wrong-expected-version' } });
    expect(index.retryOf(stream, 'other', events(['e1', 'e2']), 'any')).toMatchObject({ ok: false, result: { reason: 'wrong-expected-version' } });
  });
});

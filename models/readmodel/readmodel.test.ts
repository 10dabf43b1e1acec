// Proves the read model's pure parts on hand-written cases: the bounded map evicts the least recently
// used entry it may evict and skips pinned ones (policy `none` never evicts), the write-behind batch
// groups each aggregate's events in sequence order, and a view is the fold of its events — applying an
// event out of sequence is a programmer error.
import { describe, expect, it } from 'vitest';
import { LruMap } from './lru.js';
import { applyEvent, emptyView, foldEvents, type ReadModelEvent } from './view.js';
import { groupsOf } from './write-behind.js';

const event = (id: string, aggregate: string, seq: number, amount = 10): ReadModelEvent => ({ id, aggregate, seq, amount });

describe('LruMap', () => {
  it('evicts the least recently used entry; a read makes an entry recent', () => {
    const evicted: string[] = [];
    const map = new LruMap<number>(2, 'lru', () => true, (key) => evicted.push(key));
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect(map.keys()).toEqual(['a', 'c']);
  });

  it('skips pinned entries and stays above its bound until one can go; policy none never evicts', () => {
    const pinned = new Set(['a', 'b']);
    const evicted: string[] = [];
    const map = new LruMap<number>(1, 'lru', (key) => !pinned.has(key), (key) => evicted.push(key));
    map.set('a', 1);
    map.set('b', 2);
    expect(map.size).toBe(2);
    pinned.delete('a');
    map.evict();
    expect(evicted).toEqual(['a']);
    const unbounded = new LruMap<number>(1, 'none', () => true, () => undefined);
    unbounded.set('a', 1);
    unbounded.set('b', 2);
    expect(unbounded.size).toBe(2);
  });
});

describe('views and batches', () => {
  it('a view is the fold of its events; out of sequence is refused', () => {
    const events = [event('c1-1', 'order-1', 1, 10), event('c1-2', 'order-1', 2, 5)];
    expect(foldEvents(events)).toEqual({ seq: 2, count: 2, total: 15 });
    expect(applyEvent(applyEvent(emptyView, events[0] as ReadModelEvent), events[1] as ReadModelEvent)).toEqual(foldEvents(events));
    expect(() => applyEvent(emptyView, event('c1-2', 'order-1', 2))).toThrow('view of order-1: event c1-2 has seq 2, expected 1');
  });

  it('a write-behind batch groups events by aggregate, each group in sequence order', () => {
    const groups = groupsOf([event('a', 'order-1', 4), event('b', 'customer-2', 1), event('c', 'order-1', 5)]);
    expect(groups.map((group) => [group.aggregate, group.events.map((each) => each.seq)])).toEqual([
      ['order-1', [4, 5]],
      ['customer-2', [1]],
    ]);
  });
});

// Proves each read-model checker on hand-written histories and final states: a consistent run passes,
// and each way a property can be broken — an acknowledged event missing after write-through, a
// write-behind event lost with no crash to explain it or acknowledged longer ago than the loss window
// allows, a projection that skipped an event (at the end or right after a rebuild), a read that missed
// the reader's own acknowledged event — is reported by the property that owns it; the excuses (a crash
// within the window, an unanswered store request, a cached read within the TTL after an unconfirmed
// invalidation, an event lost to a crash) are honoured and measured.
import { describe, expect, it } from 'vitest';
import type { ReadModelEvent, View } from '../../models/readmodel/view.js';
import type { TimedFault } from '../../sim/faults.js';
import type { HistoryEvent } from '../../sim/history.js';
import { checkReadModel, ReadModelRecorder, type ReadModelCheckInput, type StoredEvent } from './index.js';

const event = (id: string, aggregate: string, seq: number, amount: number): ReadModelEvent => ({ id, aggregate, seq, amount });

interface Fixture {
  history: HistoryEvent[];
  table: StoredEvent[];
  faults: TimedFault[];
  clock: { now: number };
  recorder: ReadModelRecorder;
}

function fixture(): Fixture {
  const clock = { now: 0 };
  return { history: [], table: [], faults: [], clock, recorder: new ReadModelRecorder(() => clock.now) };
}

/** Client `process` appends `stored` (acknowledged at `ackedMicros`, the app sending it 100 µs earlier). */
function append(f: Fixture, process: number, stored: ReadModelEvent, ackedMicros: number, options: { inTable?: boolean; invalidated?: boolean } = {}): void {
  const value = { id: stored.id, aggregate: stored.aggregate, amount: stored.amount };
  f.history.push({ process, type: 'invoke', f: 'append', value, time: ackedMicros - 500, key: stored.aggregate });
  f.history.push({ process, type: 'ok', f: 'append', value: { ...value, seq: stored.seq, invalidated: options.invalidated ?? true }, time: ackedMicros, key: stored.aggregate });
  f.clock.now = ackedMicros - 100;
  f.recorder.acknowledged(stored.id);
  if (options.inTable !== false) f.table.push({ position: f.table.length + 1, event: stored });
}

function read(f: Fixture, process: number, aggregate: string, atMicros: number, view: View, source: string): void {
  f.history.push({ process, type: 'invoke', f: 'read', value: { aggregate, minSeq: 0 }, time: atMicros, key: aggregate });
  f.history.push({ process, type: 'ok', f: 'read', value: { aggregate, minSeq: 0, view, source }, time: atMicros + 300, key: aggregate });
}

function check(f: Fixture, overrides: Partial<ReadModelCheckInput> = {}) {
  return checkReadModel({
    history: f.history,
    table: f.table,
    finalViews: [],
    faults: f.faults,
    recorder: f.recorder,
    app: 'app',
    database: 'db',
    persistence: 'write-behind',
    writeDelayMicros: 20_000,
    storeTimeoutMicros: 10_000,
    cacheAside: true,
    excuseMicros: 102_000,
    ...overrides,
  });
}

const properties = (violations: { property: string }[]): string[] => [...new Set(violations.map((each) => each.property))].sort();

describe('acked-events-durable', () => {
  it('write-through: every acknowledged event in the table passes; a missing one is named with the crashes after it', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000);
    expect(check(f, { persistence: 'write-through' }).violations).toEqual([]);
    append(f, 0, event('c1-2', 'order-1', 2, 20), 2_000, { inTable: false });
    f.faults.push({ atMicros: 2_500, fault: { kind: 'powerLoss', node: 'db' } });
    const violations = check(f, { persistence: 'write-through' }).violations;
    expect(properties(violations)).toEqual(['acked-events-durable']);
    expect(violations[0]?.message).toBe("write-through acknowledged event c1-2 (order-1 seq 2, c1) at 2.0ms, but it is not in the database's event table (since it was sent: powerLoss db at 2.5ms)");
  });

  it('write-behind: events lost to a crash within writeDelay + one batch are measured, not violations', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000);
    append(f, 0, event('c1-2', 'order-1', 2, 20), 20_000, { inTable: false });
    append(f, 1, event('c2-1', 'order-2', 1, 5), 25_000, { inTable: false });
    f.faults.push({ atMicros: 30_000, fault: { kind: 'powerLoss', node: 'app' } });
    const judged = check(f);
    expect(judged.violations).toEqual([]);
    expect(judged.lost).toBe(2);
    expect(judged.windows).toEqual([{ deathMicros: 30_000, kind: 'powerLoss', events: 2, ageMicros: 10_100, bounded: true }]);
  });

  it('write-behind: a loss window wider than the bound is a violation unless the database went unanswered in it', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000, { inTable: false });
    f.faults.push({ atMicros: 50_000, fault: { kind: 'crash', node: 'app' } });
    const violations = check(f).violations;
    expect(violations[0]?.message).toBe('the crash of app at 50.0ms lost 1 acknowledged events, the oldest event c1-1 (order-1 seq 1, c1) acknowledged 49.1ms earlier: more than writeDelayMicros + one batch (20.0ms + 10.0ms) while the database answered');
    f.clock.now = 30_000;
    f.recorder.flushTimedOut();
    const excused = check(f);
    expect(excused.violations).toEqual([]);
    expect(excused.windows[0]?.bounded).toBe(false);
  });

  it('write-behind: an acknowledged event missing with no crash of the app after it is a violation, with why it was dropped', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000, { inTable: false });
    f.clock.now = 25_000;
    f.recorder.dropped(['c1-1'], 'order-1: events from seq 1 expected version 0, the table holds 1');
    const violations = check(f).violations;
    expect(violations[0]?.message).toBe('write-behind acknowledged event c1-1 (order-1 seq 1, c1) at 1.0ms; it is not in the database and no crash of app explains it (dropped at 25.0ms: order-1: events from seq 1 expected version 0, the table holds 1)');
  });
});

describe('view-equals-fold', () => {
  const table = (f: Fixture): void => {
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000);
    append(f, 0, event('c1-2', 'order-1', 2, 20), 2_000);
    append(f, 1, event('c2-1', 'customer-1', 1, 7), 3_000);
  };

  it('passes when every view is the fold of the table', () => {
    const f = fixture();
    table(f);
    const views = new Map<string, View>([['order-1', { seq: 2, count: 2, total: 30 }], ['customer-1', { seq: 1, count: 1, total: 7 }]]);
    expect(check(f, { finalViews: [{ holder: 'projector', views }] }).violations).toEqual([]);
  });

  it('a view that skipped an event, and a projector with no view of an aggregate', () => {
    const f = fixture();
    table(f);
    f.clock.now = 4_000;
    f.recorder.projected('order-1', 2, 2, 'gap');
    const views = new Map<string, View>([['order-1', { seq: 2, count: 1, total: 20 }]]);
    const messages = check(f, { finalViews: [{ holder: 'projector', views }] }).violations.map((each) => each.message);
    expect(messages).toEqual([
      "projector's view of order-1 at the end is seq 2, 1 events, total 20, but the database's events fold to seq 2, 2 events, total 30 (the projection jumped to seq 2 at position 2 at 4.0ms: the events before it were skipped)",
      "projector has no view of customer-1 at the end, but the database's events fold to seq 1, 1 events, total 7",
    ]);
  });

  it('a view that applied an event twice', () => {
    const f = fixture();
    table(f);
    const views = new Map<string, View>([['order-1', { seq: 2, count: 3, total: 50 }], ['customer-1', { seq: 1, count: 1, total: 7 }]]);
    expect(check(f, { finalViews: [{ holder: 'app view map', views }] }).violations.map((each) => each.message)).toEqual(["app view map's view of order-1 at the end is seq 2, 3 events, total 50, but the database's events fold to seq 2, 2 events, total 30"]);
  });

  it('a rebuild that does not equal the fold up to its position; a projection that never caught up is liveness', () => {
    const f = fixture();
    table(f);
    f.clock.now = 9_000;
    f.recorder.rebuilt(2, new Map([['order-1', { seq: 1, count: 1, total: 10 }]]));
    const violations = check(f, { finalViews: [{ holder: 'projector', views: null }] }).violations;
    expect(violations.map((each) => each.kind)).toEqual(['liveness', 'correctness']);
    expect(violations[1]?.message).toBe('the projection rebuilt after a cold start (caught up to position 2 at 9.0ms) shows order-1 as seq 1, 1 events, total 10, but the events up to that position fold to seq 2, 2 events, total 30');
  });

  it('the table itself must number each aggregate 1, 2, …', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000);
    append(f, 0, event('c1-2', 'order-1', 3, 20), 2_000);
    expect(check(f).violations[0]?.message).toBe("the database's events of order-1 are not numbered 1, 2, …: position 2 holds seq 3");
  });
});

describe('no-stale-read', () => {
  it('a read after the reader’s own acknowledged append must show it; other clients’ appends promise nothing', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000);
    append(f, 1, event('c2-1', 'order-1', 2, 10), 2_000);
    read(f, 0, 'order-1', 3_000, { seq: 1, count: 1, total: 10 }, 'app');
    expect(check(f).violations).toEqual([]);
    read(f, 1, 'order-1', 4_000, { seq: 1, count: 1, total: 10 }, 'app');
    const violations = check(f).violations;
    expect(properties(violations)).toEqual(['no-stale-read']);
    expect(violations[0]?.message).toBe('c2 read order-1 at 4.0ms and got seq 1, 1 events, total 10 (from the app), but its own event c2-1 (seq 2) had been acknowledged at 2.0ms: stale by 2.0ms, no cache was involved');
  });

  it('cache-aside: stale from the cache within the TTL after an unconfirmed invalidation is excused and measured; after a confirmed one it is not', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000);
    append(f, 0, event('c1-2', 'order-1', 2, 10), 2_000, { invalidated: false });
    read(f, 0, 'order-1', 50_000, { seq: 1, count: 1, total: 10 }, 'cache');
    const judged = check(f);
    expect(judged.violations).toEqual([]);
    expect(judged.staleness).toEqual({ excused: 1, staleMicrosMax: 48_000 });
    read(f, 0, 'order-1', 200_000, { seq: 1, count: 1, total: 10 }, 'cache');
    expect(check(f).violations[0]?.message).toMatch(/stale by 198\.0ms, more than the TTL excuse \(102\.0ms\) after it$/);
    const confirmed = fixture();
    append(confirmed, 0, event('c1-1', 'order-1', 1, 10), 1_000);
    read(confirmed, 0, 'order-1', 5_000, { seq: 0, count: 0, total: 0 }, 'cache');
    expect(check(confirmed).violations[0]?.message).toMatch(/though the cache had confirmed the invalidation$/);
  });

  it('an acknowledged event lost to a write-behind crash is not expected in later views', () => {
    const f = fixture();
    append(f, 0, event('c1-1', 'order-1', 1, 10), 1_000, { inTable: false });
    f.faults.push({ atMicros: 2_000, fault: { kind: 'crash', node: 'app' } });
    read(f, 0, 'order-1', 10_000, { seq: 0, count: 0, total: 0 }, 'app');
    expect(check(f).violations).toEqual([]);
  });
});

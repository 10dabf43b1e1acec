// Walks JOURNAL_CONTRACT.md case by case against the journal + snapshot facade on the kernel's real
// disk, including the promises that must survive a crash and recovery.
import { describe, expect, it } from 'vitest';
import { Journal, LogStore, SnapshotStore, type AtomicWrite, type FacadeWriteResult, type ReplayResult, type WriteMessagesResult } from './index.js';
import { createTestHost, type TestHost } from '../../sim/test-host.js';

function openStore(host: TestHost, bugs: string[] = []): LogStore {
  const store = new LogStore(host.nodeDisk(), { durability: 'fsync', timers: host.timers, bugs: new Set(bugs) });
  store.recover();
  host.settle();
  return store;
}

const write = (pid: string, ...sequenceNrs: number[]): AtomicWrite => ({ persistenceId: pid, payload: sequenceNrs.map((sequenceNr) => ({ persistenceId: pid, sequenceNr, payload: { n: sequenceNr }, manifest: 'Evt' })) });

function writeMessages(host: TestHost, journal: Journal, writes: AtomicWrite[]): WriteMessagesResult {
  let result: WriteMessagesResult | null = null;
  journal.writeMessages(writes, (each) => (result = each));
  host.settle();
  expect(result).not.toBeNull();
  return result as unknown as WriteMessagesResult;
}

function settled(host: TestHost, start: (done: (result: FacadeWriteResult) => void) => void): FacadeWriteResult {
  let result: FacadeWriteResult | null = null;
  start((each) => (result = each));
  host.settle();
  return result as unknown as FacadeWriteResult;
}

const sequenceNrs = (result: ReplayResult): number[] => (result.ok ? result.events.map((event) => event.sequenceNr) : []);

/** The contract's fixture: P holds 1..5, written as atomic writes [1], [2], [3], [4, 5]. */
function fixture(bugs: string[] = []): { host: TestHost; journal: Journal; store: LogStore } {
  const host = createTestHost('journal');
  const store = openStore(host, bugs);
  const journal = new Journal(store);
  expect(writeMessages(host, journal, [write('P', 1), write('P', 2), write('P', 3), write('P', 4, 5)])).toEqual({ ok: true, results: [null, null, null, null] });
  return { host, journal, store };
}

describe('journal contract: writing', () => {
  it('rejects only the atomic write that cannot be serialised; the others in the call succeed', () => {
    const { host, journal } = fixture();
    const bad: AtomicWrite = { persistenceId: 'Q', payload: [{ persistenceId: 'Q', sequenceNr: 1, payload: () => 1 }] };
    const result = writeMessages(host, journal, [write('R', 1), bad, write('S', 1, 2)]);
    expect(result.ok).toBe(true);
    expect(result.ok && result.results.map((each) => each === null)).toEqual([true, false, true]);
    expect(sequenceNrs(journal.replayMessages('Q', 1, 10, 10))).toEqual([]);
    expect(sequenceNrs(journal.replayMessages('S', 1, 10, 10))).toEqual([1, 2]);
  });

  it('fails the whole call on a storage problem, never reporting success', () => {
    const { host, journal } = fixture();
    host.disk.armMisdirectedWrites(1);
    const result = writeMessages(host, journal, [write('P', 6)]);
    expect(result.ok).toBe(false);
    expect(settled(host, (done) => journal.deleteMessagesTo('P', 3, done)).ok).toBe(false);
  });

  it('keeps each atomic write all-or-nothing across a power loss', () => {
    for (let seed = 0; seed < 20; seed++) {
      const host = createTestHost(`atomic-${seed}`, { tornWriteRatio: 1 });
      const journal = new Journal(openStore(host));
      journal.writeMessages([write('P', 1, 2, 3), write('Q', 1, 2)], () => undefined);
      host.crash(true);
      const recovered = new Journal(openStore(host));
      for (const [pid, count] of [['P', 3], ['Q', 2]] as const) {
        const seen = sequenceNrs(recovered.replayMessages(pid, 1, 100, 100));
        expect([0, count]).toContain(seen.length);
      }
    }
  });

  it('makes one persistence id visible in order', () => {
    const { journal } = fixture();
    expect(sequenceNrs(journal.replayMessages('P', 1, 100, 100))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('journal contract: replaying', () => {
  const cases: [string, number, number, number, number[]][] = [
    ['from 1', 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, [1, 2, 3, 4, 5]],
    ['from 3', 3, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, [3, 4, 5]],
    ['to 3', 1, 3, Number.MAX_SAFE_INTEGER, [1, 2, 3]],
    ['max 3', 1, Number.MAX_SAFE_INTEGER, 3, [1, 2, 3]],
    ['(2,3)', 2, 3, Number.MAX_SAFE_INTEGER, [2, 3]],
    ['(2,5,max 2)', 2, 5, 2, [2, 3]],
    ['(2,2)', 2, 2, Number.MAX_SAFE_INTEGER, [2]],
    ['(2,4,max 1)', 2, 4, 1, [2]],
    ['max 0', 1, Number.MAX_SAFE_INTEGER, 0, []],
    ['from > to', 3, 2, Number.MAX_SAFE_INTEGER, []],
  ];
  for (const [name, from, to, max, expected] of cases) {
    it(`replay ${name} → [${expected.join(',')}], highest 5`, () => {
      const { journal } = fixture();
      const result = journal.replayMessages('P', from, to, max);
      expect(sequenceNrs(result)).toEqual(expected);
      expect(result.ok && result.highestSequenceNr).toBe(5);
    });
  }

  it('replays an unknown id as nothing, highest 0', () => {
    const { journal } = fixture();
    expect(journal.replayMessages('unknown', 1, 100, 100)).toEqual({ ok: true, events: [], highestSequenceNr: 0 });
  });

  it('never lets the highest sequence number go down: not after deletes, not after a crash and recovery', () => {
    const { host, journal } = fixture();
    expect(settled(host, (done) => journal.deleteMessagesTo('P', Number.MAX_SAFE_INTEGER, done))).toEqual({ ok: true });
    expect(journal.readHighestSequenceNr('P')).toEqual({ ok: true, highestSequenceNr: 5 });
    host.crash(true);
    const recovered = new Journal(openStore(host));
    expect(recovered.readHighestSequenceNr('P')).toEqual({ ok: true, highestSequenceNr: 5 });
    expect(writeMessages(host, recovered, [write('P', 1)]).ok && true).toBe(true);
    const reuse = writeMessages(host, recovered, [write('P', 1)]);
    // Writing sequence number 1 again is an idempotent retry of the stored event, or a rejection — never a reuse.
    expect(sequenceNrs(recovered.replayMessages('P', 1, 100, 100))).toEqual([]);
    expect(reuse.ok).toBe(true);
    expect(recovered.readHighestSequenceNr('P')).toEqual({ ok: true, highestSequenceNr: 5 });
  });

  it('the planted bug highest-seq-resets-on-delete breaks exactly that promise', () => {
    const { host, journal } = fixture(['highest-seq-resets-on-delete']);
    settled(host, (done) => journal.deleteMessagesTo('P', Number.MAX_SAFE_INTEGER, done));
    expect(journal.readHighestSequenceNr('P')).toEqual({ ok: true, highestSequenceNr: 0 });
  });
});

describe('journal contract: deleting', () => {
  it('deleteTo(P, 3) → replay shows 4, 5; highest stays 5', () => {
    const { host, journal } = fixture();
    expect(settled(host, (done) => journal.deleteMessagesTo('P', 3, done))).toEqual({ ok: true });
    expect(sequenceNrs(journal.replayMessages('P', 1, 100, 100))).toEqual([4, 5]);
    expect(journal.replayMessages('P', 1, 100, 100)).toMatchObject({ highestSequenceNr: 5 });
  });

  it('deleteTo(P, MAX) → replay shows nothing; highest stays 5 (also after recovery)', () => {
    const { host, journal } = fixture();
    settled(host, (done) => journal.deleteMessagesTo('P', Number.MAX_SAFE_INTEGER, done));
    expect(journal.replayMessages('P', 1, 100, 100)).toEqual({ ok: true, events: [], highestSequenceNr: 5 });
    host.crash(false);
    const recovered = new Journal(openStore(host));
    expect(recovered.replayMessages('P', 1, 100, 100)).toEqual({ ok: true, events: [], highestSequenceNr: 5 });
  });

  it('reports a failed delete as an error, never success', () => {
    const { host, journal } = fixture();
    host.disk.armMisdirectedWrites(1);
    const result = settled(host, (done) => journal.deleteMessagesTo('P', 3, done));
    expect(result.ok).toBe(false);
  });
});

describe('journal contract: snapshots', () => {
  /** P has snapshots at sequence numbers 11..15, timestamps 1011..1015. */
  function snapshots(): { host: TestHost; store: SnapshotStore } {
    const host = createTestHost('snapshots');
    const store = new SnapshotStore(openStore(host));
    for (let sequenceNr = 11; sequenceNr <= 15; sequenceNr++) {
      expect(settled(host, (done) => store.save({ persistenceId: 'P', sequenceNr, timestamp: 1000 + sequenceNr }, { state: sequenceNr }, done))).toEqual({ ok: true });
    }
    return { host, store };
  }
  const loaded = (store: SnapshotStore, criteria: Parameters<SnapshotStore['load']>[1], pid = 'P'): number | null => {
    const result = store.load(pid, criteria);
    return result.ok && result.snapshot !== null ? result.snapshot.metadata.sequenceNr : null;
  };

  it('loads the newest matching snapshot: latest → 15, max seq 13 → 13, max seq 7 → none', () => {
    const { store } = snapshots();
    expect(loaded(store, {})).toBe(15);
    expect(loaded(store, { maxSequenceNr: 13 })).toBe(13);
    expect(loaded(store, { maxSequenceNr: 7 })).toBeNull();
  });

  it('timestamp bound older than all → none; unknown id → none; bounds are inclusive', () => {
    const { store } = snapshots();
    expect(loaded(store, { maxTimestamp: 1010 })).toBeNull();
    expect(loaded(store, {}, 'unknown')).toBeNull();
    expect(loaded(store, { maxTimestamp: 1012 })).toBe(12);
    expect(loaded(store, { minSequenceNr: 15, minTimestamp: 1015 })).toBe(15);
    expect(loaded(store, { minSequenceNr: 16 })).toBeNull();
  });

  it('deletes one by id + sequence number, or all matching a selection (max seq 13 removes 11..13, keeps 14)', () => {
    const { host, store } = snapshots();
    expect(settled(host, (done) => store.delete({ persistenceId: 'P', sequenceNr: 15 }, done))).toEqual({ ok: true });
    expect(loaded(store, {})).toBe(14);
    expect(settled(host, (done) => store.deleteMatching('P', { maxSequenceNr: 13 }, done))).toEqual({ ok: true });
    expect(loaded(store, { maxSequenceNr: 13 })).toBeNull();
    expect(loaded(store, {})).toBe(14);
  });

  it('overwrites a snapshot saved at an existing sequence number, and keeps all of it across recovery', () => {
    const { host, store } = snapshots();
    settled(host, (done) => store.save({ persistenceId: 'P', sequenceNr: 13, timestamp: 2000 }, { state: 'new' }, done));
    expect(store.load('P', { maxSequenceNr: 13 })).toMatchObject({ ok: true, snapshot: { snapshot: { state: 'new' } } });
    host.crash(true);
    const recovered = new SnapshotStore(openStore(host));
    expect(recovered.load('P', { maxSequenceNr: 13 })).toMatchObject({ ok: true, snapshot: { snapshot: { state: 'new' }, metadata: { timestamp: 2000 } } });
    expect(loaded(recovered, {})).toBe(15);
  });

  it('stores large snapshots (≥ 10 KB)', () => {
    const { host, store } = snapshots();
    const big = 'x'.repeat(64 * 1024);
    expect(settled(host, (done) => store.save({ persistenceId: 'B', sequenceNr: 1, timestamp: 1 }, { big }, done))).toEqual({ ok: true });
    host.crash(true);
    const recovered = new SnapshotStore(openStore(host));
    expect(recovered.load('B')).toMatchObject({ ok: true, snapshot: { snapshot: { big } } });
  });
});

describe('event-store view: expected versions, idempotency, reading all', () => {
  it('names expected and actual on a wrong expected version, and writes nothing', () => {
    const { host, store } = fixture();
    let result: unknown = null;
    store.append('P', [{ id: 'x', type: 'T', data: 1 }], 2, (each) => (result = each));
    host.settle();
    expect(result).toEqual({ ok: false, reason: 'wrong-expected-version', expected: 2, actual: 5 });
    const all = store.readAll();
    expect(all.ok && all.committedPosition).toBe(5);
  });

  it('readAll from a position is exclusive of it and never skips', () => {
    const { store } = fixture();
    const all = store.readAll(2);
    expect(all.ok && all.events.map((event) => event.position)).toEqual([3, 4, 5]);
  });
});

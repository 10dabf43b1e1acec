// Proves the LogStore's core promises on the kernel's real disk: appends with expected versions and
// idempotent retries, acknowledgement only after fsync, recovery after crashes and power losses (torn
// tails cut, corruption detected and refused), rotation, and the read paths.
import { describe, expect, it } from 'vitest';
import { LogStore, type AppendResult, type Durability } from './index.js';
import { createTestHost, type TestHost } from '../../sim/test-host.js';

const event = (id: string, data: unknown = `data-${id}`) => ({ id, type: 'Test', data });

function open(host: TestHost, durability: Durability = 'fsync', extra: Partial<ConstructorParameters<typeof LogStore>[1]> = {}): LogStore {
  const store = new LogStore(host.nodeDisk(), { durability, timers: host.timers, ...extra });
  store.recover();
  host.settle();
  expect(store.corruption).toBeNull();
  expect(store.state).toBe("ready");
  return store;
}

function append(host: TestHost, store: LogStore, stream: string, ids: string[], expected: Parameters<LogStore['append']>[2]): AppendResult | null {
  let result: AppendResult | null = null;
  store.append(stream, ids.map((id) => event(id)), expected, (each) => (result = each));
  host.settle();
  return result;
}

describe('LogStore', () => {
  it('appends with expected versions, and acknowledges only after the fsync', () => {
    const host = createTestHost();
    const store = open(host);
    let result: AppendResult | null = null;
    store.append('s', [event('a'), event('b')], 'no_stream', (each) => (result = each));
    expect(result).toBeNull();
    expect(store.readStream('s')).toMatchObject({ ok: true, events: [], version: 0 });
    host.settle();
    expect(result).toEqual({ ok: true, firstVersion: 1, lastVersion: 2, firstPosition: 1, lastPosition: 2, idempotent: false });
    expect(append(host, store, 's', ['c'], 'no_stream')).toEqual({ ok: false, reason: 'wrong-expected-version', expected: 'no_stream', actual: 2 });
    expect(append(host, store, 's', ['c'], 1)).toMatchObject({ ok: false, reason: 'wrong-expected-version', actual: 2 });
    expect(append(host, store, 's', ['c'], 2)).toMatchObject({ ok: true, firstVersion: 3, lastPosition: 3 });
    expect(append(host, store, 't', ['d'], 'stream_exists')).toMatchObject({ ok: false, reason: 'wrong-expected-version' });
    expect(append(host, store, 't', ['d'], 'any')).toMatchObject({ ok: true, firstVersion: 1, firstPosition: 4 });
  });

  it('treats a retry of stored ids as idempotent, also after a restart; a partial overlap is a conflict', () => {
    const host = createTestHost();
    let store = open(host);
    expect(append(host, store, 's', ['a', 'b'], 'no_stream')).toMatchObject({ ok: true, idempotent: false });
    expect(append(host, store, 's', ['a', 'b'], 'no_stream')).toMatchObject({ ok: true, idempotent: true, firstVersion: 1, lastVersion: 2 });
    expect(append(host, store, 's', ['b', 'c'], 'any')).toMatchObject({ ok: false, reason: 'idempotency-conflict' });
    host.crash(false);
    store = open(host);
    expect(append(host, store, 's', ['a', 'b'], 'any')).toMatchObject({ ok: true, idempotent: true, firstPosition: 1 });
    expect(append(host, store, 's', ['a', 'b'], 5)).toMatchObject({ ok: false, reason: 'wrong-expected-version' });
    const all = store.readAll(0);
    expect(all.ok && all.events.length).toBe(2);
  });

  it('keeps every acknowledged append through power losses, in every durable mode', () => {
    for (const durability of ['fsync', 'group'] as const) {
      for (let seed = 0; seed < 30; seed++) {
        const host = createTestHost(`power-${durability}-${seed}`, { tornWriteRatio: 1 });
        let store = open(host, durability, { segmentBytesMax: 300 });
        const acked: string[] = [];
        for (let round = 0; round < 6; round++) {
          for (let index = 0; index < 5; index++) {
            const id = `${round}-${index}`;
            store.append(`s${index % 2}`, [event(id)], 'any', (result) => result.ok && acked.push(id));
            if (index === 2) host.settle();
          }
          host.crash(true);
          store = open(host, durability, { segmentBytesMax: 300 });
          expect(store.corruption).toBeNull();
          const all = store.readAll();
          const ids = all.ok ? all.events.map((each) => each.id) : [];
          for (const id of acked) expect(ids).toContain(id);
          expect(new Set(ids).size).toBe(ids.length);
          all.ok && all.events.forEach((each, index) => expect(each.position).toBe(index + 1));
        }
      }
    }
  });

  it('loses acknowledged appends to a power loss in none mode (the seed design)', () => {
    const host = createTestHost('none');
    let store = open(host, 'none');
    expect(append(host, store, 's', ['a'], 'any')).toMatchObject({ ok: true });
    host.crash(false);
    store = open(host, 'none');
    expect(store.readStream('s')).toMatchObject({ version: 1 });
    expect(append(host, store, 's', ['b'], 'any')).toMatchObject({ ok: true });
    host.crash(true);
    store = open(host, 'none');
    expect(store.readStream('s')).toMatchObject({ version: 1 });
  });

  it('detects a bit flip in synced data on recovery and refuses to serve past it', () => {
    const host = createTestHost('flip');
    let store = open(host);
    for (let index = 0; index < 10; index++) append(host, store, 's', [`e${index}`], 'any');
    const file = host.disk.list()[0] as string;
    const bytes = host.disk.durableBytes(file);
    // flip one bit in the middle of the file, in both durable storage and cache (as the kernel does)
    host.disk.write(file, 200, new Uint8Array([(bytes[200] as number) ^ 4]));
    host.settle();
    host.crash(false);
    store = new LogStore(host.nodeDisk(), { durability: 'fsync', timers: host.timers });
    const report = store.recover();
    expect(report.corruption).not.toBeNull();
    expect(store.state).toBe('corrupt');
    expect(store.readStream('s')).toMatchObject({ ok: false, reason: 'corrupt' });
    const all = store.readAll();
    expect(all.ok && all.events.length).toBe(report.corruption?.lastGoodPosition);
    expect(all.ok && all.events.length).toBeLessThan(10);
    expect(append(host, store, 's', ['x'], 'any')).toMatchObject({ ok: false, reason: 'corrupt', indeterminate: false });
  });

  it('detects a misdirected write by reading it back, and never acknowledges it', () => {
    const host = createTestHost('misdirect');
    const store = open(host);
    for (let index = 0; index < 5; index++) append(host, store, 's', [`e${index}`], 'any');
    host.disk.armMisdirectedWrites(1);
    expect(append(host, store, 's', ['bad'], 'any')).toMatchObject({ ok: false, reason: 'corrupt', indeterminate: true });
    expect(store.state).toBe('corrupt');
  });

  it('serves catch-up subscriptions and readAll without skipping, exclusive of the start position', () => {
    const host = createTestHost('subscribe');
    const store = open(host, 'group');
    append(host, store, 'a', ['1', '2'], 'any');
    const seen: number[] = [];
    store.subscribe(1, (each) => seen.push(each.position));
    expect(seen).toEqual([2]);
    store.append('b', [event('3')], 'any', () => undefined);
    store.append('a', [event('4')], 'any', () => undefined);
    expect(seen).toEqual([2]);
    host.settle();
    expect(seen).toEqual([2, 3, 4]);
    const all = store.readAll(2, 10);
    expect(all.ok && all.events.map((each) => each.id)).toEqual(['3', '4']);
  });
});

// Proves the recovery scan cache changes nothing but the work done: after any mix of appends,
// crashes, power losses (torn tails), bit flips and misdirected writes, a scan that reuses what earlier
// scans verified returns exactly what a fresh scan of the same bytes returns.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import * as codec from './codec.js';
import { decodedRecord, decodePayload, encodePayload, type LogRecord } from './codec.js';
import type { NodeDisk } from '../../sim/node.js';
import { scanLog, type ScanOptions } from './recovery.js';
import { ScanCache } from './scan-cache.js';
import { LogStore } from './store.js';
import { createTestHost, type TestHost } from '../../sim/test-host.js';

type Action =
  | { kind: 'append'; stream: number; events: number; data: unknown }
  | { kind: 'settle' }
  | { kind: 'scan' }
  | { kind: 'crash'; powerLoss: boolean }
  | { kind: 'bitFlip' }
  | { kind: 'misdirect' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('append' as const), stream: fc.nat(3), events: fc.integer({ min: 1, max: 3 }), data: eventData() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'settle' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'scan' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crash' as const), powerLoss: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bitFlip' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'misdirect' as const }) },
);

/**
 * Event data of every shape: mostly plain values (which the writer hands to the cache without
 * decoding), and the ones msgpackr does not give back unchanged (-0, lone surrogates, dates, maps,
 * class instances, null prototypes, special keys), which must be decoded.
 */
function eventData(): fc.Arbitrary<unknown> {
  const awkward = fc.constantFrom<unknown>(-0, '\ud800', 'x\udfff', '😀', new Date(0), new Map([['a', 1]]), new Set([1]), Object.assign(Object.create(null) as object, { a: 1 }), JSON.parse('{"__proto__": 1}'), { constructor: 1 }, { toJSON: 2 }, [1, , 3], { a: undefined }, new Uint8Array([1, 2]), NaN, 2 ** 60);
  return fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }) },
    { weight: 1, arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 2 }), awkward).map(([plain, odd]) => ({ plain, odd })) },
  );
}

/** Scans the disk with and without the cache and demands the same answer. */
function scanBoth(disk: NodeDisk, cache: ScanCache, verifyChecksums: boolean): void {
  const options: ScanOptions = { prefix: 'log', verifyChecksums };
  const fresh = scanLog(disk, options);
  const cached = scanLog(disk, { ...options, cache });
  expect(cached).toStrictEqual(fresh);
}

function open(host: TestHost, cache: ScanCache): LogStore {
  const store = new LogStore(host.nodeDisk(), { durability: 'fsync', segmentBytesMax: 400, scanCache: cache });
  store.recover();
  host.settle();
  return store;
}

describe('recovery scan cache', () => {
  it('a scan with the cache equals a fresh scan, whatever happened to the disk', () => {
    const totals = { hits: 0, misses: 0, written: 0 };
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), fc.nat(1_000_000), fc.boolean(), (actions, seed, verifyChecksums) => {
        const host = createTestHost(`scan-cache-${seed}`);
        const cache = new ScanCache();
        let store = open(host, cache);
        let next = 1;
        for (const each of actions) {
          switch (each.kind) {
            case 'append': {
              const events = Array.from({ length: each.events }, () => ({ id: `e${next}`, type: 'T', data: next++ % 2 === 0 ? each.data : `data-${next}` }));
              store.append(`s${each.stream}`, events, 'any', () => undefined);
              break;
            }
            case 'settle':
              host.settle();
              break;
            case 'scan':
              scanBoth(host.nodeDisk(), cache, verifyChecksums);
              break;
            case 'crash':
              host.crash(each.powerLoss);
              scanBoth(host.nodeDisk(), cache, verifyChecksums);
              store = open(host, cache);
              break;
            case 'bitFlip':
              host.disk.flipBit();
              break;
            case 'misdirect':
              host.disk.armMisdirectedWrites(1);
              break;
          }
        }
        host.settle();
        scanBoth(host.nodeDisk(), cache, verifyChecksums);
        totals.hits += cache.hits;
        totals.misses += cache.misses;
        totals.written += cache.written;
      }),
      { numRuns: 150, seed: 20261122 },
    );
    // Both paths were taken: unchanged prefixes were reused, changed or new segments were read again.
    expect(totals.hits).toBeGreaterThan(40);
    expect(totals.misses).toBeGreaterThan(40);
    // The writer fed the cache too: frames it wrote were served without being decoded.
    expect(totals.written).toBeGreaterThan(200);
  });

  it('the record the writer hands to the cache is exactly what decoding its payload gives', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), type: fc.string(), data: eventData() }), { minLength: 1, maxLength: 3 }), fc.string(), (events, streamId) => {
        const record: LogRecord = { kind: 1, lsn: 7, streamId, firstVersion: 3, firstPosition: 9, events };
        let payload: Uint8Array;
        try {
          payload = encodePayload(record);
        } catch {
          return; // not serialisable: the store rejects the append, nothing is written
        }
        expect(decodedRecord(record, payload)).toStrictEqual(decodePayload(Uint8Array.from(payload))); // as a scan reads it: a plain array
      }),
      { numRuns: 2_000, seed: 20261202 },
    );
  });

  it('serves what was written, not what the caller changed afterwards, and decodes no written frame', () => {
    const host = createTestHost('scan-cache-written');
    const cache = new ScanCache();
    const store = open(host, cache);
    const data = { items: [1, 2], note: 'first' };
    store.append('s', [{ id: 'e1', type: 'T', data }], 'no_stream', () => undefined);
    data.items.push(3);
    data.note = 'changed';
    host.settle();
    expect(cache.written).toBe(1);
    const decode = vi.spyOn(codec, 'decodePayload');
    const cached = scanLog(host.nodeDisk(), { prefix: 'log', verifyChecksums: true, cache });
    expect(decode).not.toHaveBeenCalled();
    decode.mockRestore();
    expect(cached).toStrictEqual(scanLog(host.nodeDisk(), { prefix: 'log', verifyChecksums: true }));
    expect(cached.records[0]).toMatchObject({ events: [{ data: { items: [1, 2], note: 'first' } }] });
  });

  it('does not serve a cached record whose bytes were damaged since', () => {
    const host = createTestHost('scan-cache-flip');
    const cache = new ScanCache();
    const store = open(host, cache);
    for (let index = 1; index <= 5; index++) store.append('s', [{ id: `e${index}`, type: 'T', data: `data-${index}` }], 'any', () => undefined);
    host.settle();
    const before = scanLog(host.nodeDisk(), { prefix: 'log', verifyChecksums: true, cache });
    expect(before.corruption).toBeNull();
    expect(before.records).toHaveLength(5);
    // Flip one bit in the middle of the synced segment: the cached copy no longer matches.
    const file = 'log-00000001.seg';
    expect(host.disk.flipBit(file)).toBe(true);
    const after = scanLog(host.nodeDisk(), { prefix: 'log', verifyChecksums: true, cache });
    expect(after).toEqual(scanLog(host.nodeDisk(), { prefix: 'log', verifyChecksums: true }));
    expect(after.corruption ?? after.tornTail).not.toBeNull();
  });
});

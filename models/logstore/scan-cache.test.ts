// Proves the recovery scan cache changes nothing but the work done: after any mix of appends,
// crashes, power losses (torn tails), bit flips and misdirected writes, a scan that reuses what earlier
// scans verified returns exactly what a fresh scan of the same bytes returns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeDisk } from '../../sim/node.js';
import { scanLog, type ScanOptions } from './recovery.js';
import { ScanCache } from './scan-cache.js';
import { LogStore } from './store.js';
import { createTestHost, type TestHost } from '../../sim/test-host.js';

type Action =
  | { kind: 'append'; stream: number; events: number }
  | { kind: 'settle' }
  | { kind: 'scan' }
  | { kind: 'crash'; powerLoss: boolean }
  | { kind: 'bitFlip' }
  | { kind: 'misdirect' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('append' as const), stream: fc.nat(3), events: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'settle' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'scan' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crash' as const), powerLoss: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bitFlip' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'misdirect' as const }) },
);

/** Scans the disk with and without the cache and demands the same answer. */
function scanBoth(disk: NodeDisk, cache: ScanCache, verifyChecksums: boolean): void {
  const options: ScanOptions = { prefix: 'log', verifyChecksums };
  const fresh = scanLog(disk, options);
  const cached = scanLog(disk, { ...options, cache });
  expect(cached).toEqual(fresh);
}

function open(host: TestHost, cache: ScanCache): LogStore {
  const store = new LogStore(host.nodeDisk(), { durability: 'fsync', segmentBytesMax: 400, scanCache: cache });
  store.recover();
  host.settle();
  return store;
}

describe('recovery scan cache', () => {
  it('a scan with the cache equals a fresh scan, whatever happened to the disk', () => {
    const totals = { hits: 0, misses: 0 };
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), fc.nat(1_000_000), fc.boolean(), (actions, seed, verifyChecksums) => {
        const host = createTestHost(`scan-cache-${seed}`);
        const cache = new ScanCache();
        let store = open(host, cache);
        let next = 1;
        for (const each of actions) {
          switch (each.kind) {
            case 'append': {
              const events = Array.from({ length: each.events }, () => ({ id: `e${next}`, type: 'T', data: `data-${next++}` }));
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
      }),
      { numRuns: 150, seed: 20261122 },
    );
    // Both paths were taken: unchanged prefixes were reused, changed or new segments were read again.
    expect(totals.hits).toBeGreaterThan(40);
    expect(totals.misses).toBeGreaterThan(40);
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

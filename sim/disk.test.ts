// Proves the disk's fault model: unsynced writes survive a process crash but not a power loss,
// a power loss may tear the last unsynced write, fsync covers exactly the writes issued before it,
// and each injected fault (bit flip, misdirected write, lying fsync) does what its header says.
import { describe, expect, it } from 'vitest';
import { Disk, diskDefaults, type DiskFaultRecord } from './disk.js';
import { rootRandom } from './random.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function makeDisk(seed = 1, tornWriteRatio = 0): { disk: Disk; faults: DiskFaultRecord[] } {
  const faults: DiskFaultRecord[] = [];
  const disk = new Disk({ ...diskDefaults, tornWriteRatio }, rootRandom(seed), (record) => faults.push(record));
  return { disk, faults };
}

function fsyncNow(disk: Disk, name: string): void {
  const { covered } = disk.beginFsync(name);
  disk.completeFsync(name, covered);
}

describe('Disk', () => {
  it('reads back what was written, from the page cache', () => {
    const { disk } = makeDisk();
    disk.append('log', bytes(1, 2, 3));
    disk.append('log', bytes(4));
    expect([...disk.read('log', 0, 10)]).toEqual([1, 2, 3, 4]);
    expect(disk.size('log')).toBe(4);
    expect(disk.read('missing', 0, 4).length).toBe(0);
  });

  it('power loss keeps synced bytes and drops unsynced ones', () => {
    const { disk } = makeDisk();
    disk.append('log', bytes(1, 2));
    fsyncNow(disk, 'log');
    disk.append('log', bytes(3, 4));
    disk.powerLoss();
    expect([...disk.read('log', 0, 10)]).toEqual([1, 2]);
  });

  it('fsync covers only the writes issued before it began', () => {
    const { disk } = makeDisk();
    disk.append('log', bytes(1));
    const { covered } = disk.beginFsync('log');
    disk.append('log', bytes(2));
    disk.completeFsync('log', covered);
    disk.powerLoss();
    expect([...disk.read('log', 0, 10)]).toEqual([1]);
  });

  it('an fsync that completes after a later one does not persist writes issued after it began', () => {
    const { disk } = makeDisk();
    disk.append('log', bytes(1));
    const early = disk.beginFsync('log');
    disk.append('log', bytes(2));
    const late = disk.beginFsync('log');
    disk.append('log', bytes(3));
    disk.completeFsync('log', late.covered);
    disk.completeFsync('log', early.covered);
    disk.powerLoss();
    expect([...disk.read('log', 0, 10)]).toEqual([1, 2]);
  });

  it('a power loss may keep a torn prefix of the last unsynced write', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const { disk, faults } = makeDisk(seed, 1);
      disk.append('log', bytes(9, 9));
      fsyncNow(disk, 'log');
      disk.append('log', bytes(1, 2, 3, 4, 5, 6, 7, 8));
      disk.powerLoss();
      const size = disk.size('log');
      seen.add(size);
      expect([...disk.read('log', 0, 100)]).toEqual([9, 9, 1, 2, 3, 4, 5, 6, 7, 8].slice(0, size));
      expect(faults.map((fault) => fault.kind)).toEqual(['tornWrite']);
    }
    expect(seen.size).toBeGreaterThan(4);
  });

  it('a bit flip changes exactly one bit of synced data and is reported', () => {
    const { disk, faults } = makeDisk();
    disk.append('log', new Uint8Array(64));
    fsyncNow(disk, 'log');
    expect(disk.flipBit()).toBe(true);
    const ones = [...disk.read('log', 0, 64)].reduce((sum, value) => sum + value.toString(2).split('1').length - 1, 0);
    expect(ones).toBe(1);
    expect(faults[0]?.kind).toBe('bitFlip');
  });

  it('a misdirected write lands elsewhere and leaves its target untouched', () => {
    const { disk, faults } = makeDisk();
    disk.append('log', new Uint8Array(32));
    disk.armMisdirectedWrites(1);
    disk.write('log', 32, bytes(7, 7, 7, 7));
    expect(faults[0]?.kind).toBe('misdirectedWrite');
    const target = faults[0]?.detail as number;
    expect(target).not.toBe(32);
    expect([...disk.read('log', target, 4)]).toEqual([7, 7, 7, 7]);
    disk.write('log', 40, bytes(5));
    expect([...disk.read('log', 40, 1)]).toEqual([5]);
  });

  it('a lying fsync reports success and persists nothing', () => {
    const { disk, faults } = makeDisk();
    disk.append('log', bytes(1, 2));
    disk.armLyingFsyncs(1);
    fsyncNow(disk, 'log');
    expect(faults[0]?.kind).toBe('lyingFsync');
    disk.powerLoss();
    expect(disk.size('log')).toBe(0);
  });

  it('truncate is durable only after fsync', () => {
    const { disk } = makeDisk();
    disk.append('log', bytes(1, 2, 3));
    fsyncNow(disk, 'log');
    disk.truncate('log', 1);
    expect(disk.size('log')).toBe(1);
    disk.powerLoss();
    expect(disk.size('log')).toBe(3);
    disk.truncate('log', 1);
    fsyncNow(disk, 'log');
    disk.powerLoss();
    expect([...disk.read('log', 0, 10)]).toEqual([1]);
  });
});

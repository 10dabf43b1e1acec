// Proves the replica log's recovery rules on the kernel's real Disk: synced entries and metadata come
// back after a power loss, a torn tail is cut, a flipped bit or a misplaced slot becomes a hole that
// keeps the entries after it (and the term it held, via the next slot), and a flipped metadata copy
// never rolls the term or vote back.
import { describe, expect, it } from 'vitest';
import { createTestHost } from '../../sim/test-host.js';
import { SLOT_BYTES, decodeSlot, encodeEntry, type LogEntry } from './entry.js';
import { LOG_FILE, META_FILE, ReplicaLog } from './replica-log.js';

function host(tornWriteRatio = 0) {
  const world = createTestHost('replica-log-test', { tornWriteRatio });
  // One view for the whole test: the disk is powered off by hand (`disk.powerLoss()`), not by the host.
  const nodeDisk = world.nodeDisk();
  return { disk: world.disk, nodeDisk, settle: () => world.settle() };
}

const entry = (index: number, term: number, previousTerm: number): LogEntry => ({ index, term, previousTerm, kind: 'append', stream: 's1', eventId: `c1-${index}`, version: index, client: 'c1' });

function filled(count: number, term = 1) {
  const world = host();
  const log = new ReplicaLog(world.nodeDisk);
  for (let index = 1; index <= count; index++) log.append(entry(index, term, index === 1 ? 0 : term));
  log.sync(() => undefined);
  log.saveMeta({ term: 3, votedFor: 'n2' }, () => undefined);
  world.settle();
  return world;
}

describe('entry slots', () => {
  it('round-trip, and reject a flipped bit or a slot at the wrong index', () => {
    const slot = encodeEntry(entry(7, 2, 2));
    expect(slot.length).toBe(SLOT_BYTES);
    expect(decodeSlot(slot, 7)).toEqual(entry(7, 2, 2));
    expect(decodeSlot(slot, 8)).toBeNull();
    const flipped = slot.slice();
    flipped[20] = (flipped[20] as number) ^ 4;
    expect(decodeSlot(flipped, 7)).toBeNull();
    expect(decodeSlot(new Uint8Array(SLOT_BYTES), 1)).toBeNull();
  });
});

describe('ReplicaLog recovery', () => {
  it('brings back synced entries and metadata after a power loss, and drops unsynced ones', () => {
    const world = filled(5);
    const log = new ReplicaLog(world.nodeDisk);
    log.append(entry(6, 1, 1));
    world.disk.powerLoss();
    const recovered = new ReplicaLog(world.nodeDisk);
    expect(recovered.length).toBe(5);
    expect(recovered.holeCount).toBe(0);
    expect(recovered.meta).toEqual({ term: 3, votedFor: 'n2' });
  });

  it('cuts a torn tail (a partial slot)', () => {
    const world = filled(3);
    world.disk.write(LOG_FILE, 3 * SLOT_BYTES, encodeEntry(entry(4, 1, 1)).subarray(0, 50));
    const recovered = new ReplicaLog(world.nodeDisk);
    expect(recovered.length).toBe(3);
    expect(recovered.report.tailSlotsCut).toBe(0);
    expect(world.disk.size(LOG_FILE)).toBe(3 * SLOT_BYTES);
  });

  it('turns a corrupted slot in the middle into a hole, keeps what follows, and knows the hole’s term', () => {
    const world = filled(6, 2);
    const bytes = world.disk.read(LOG_FILE, 2 * SLOT_BYTES, SLOT_BYTES);
    bytes[10] = (bytes[10] as number) ^ 1; // inside the payload (padding is not checksummed, and harmless)
    world.disk.write(LOG_FILE, 2 * SLOT_BYTES, bytes);
    const recovered = new ReplicaLog(world.nodeDisk);
    expect(recovered.length).toBe(6);
    expect(recovered.holeCount).toBe(1);
    expect(recovered.firstHole()).toBe(3);
    expect(recovered.entry(3)).toBeNull();
    expect(recovered.termAt(3)).toBe(2);
    expect(recovered.lastTerm).toBe(2);
    recovered.fill(entry(3, 2, 2));
    expect(recovered.holeCount).toBe(0);
  });

  it('treats a valid slot copied to the wrong place (a misdirected write) as a hole', () => {
    const world = filled(4);
    world.disk.write(LOG_FILE, 1 * SLOT_BYTES, encodeEntry(entry(4, 1, 1)));
    const recovered = new ReplicaLog(world.nodeDisk);
    expect(recovered.firstHole()).toBe(2);
    expect(recovered.length).toBe(4);
  });

  it('survives a flipped metadata copy without rolling the vote back', () => {
    const world = filled(1);
    const bytes = world.disk.read(META_FILE, 0, 8);
    bytes[6] = (bytes[6] as number) ^ 0x10;
    world.disk.write(META_FILE, 0, bytes);
    const recovered = new ReplicaLog(world.nodeDisk);
    expect(recovered.meta).toEqual({ term: 3, votedFor: 'n2' });
    expect(recovered.report.metaCopiesValid).toBe(1);
  });
});

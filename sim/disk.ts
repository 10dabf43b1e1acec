// A node's disk: named files of bytes with a page cache in front of durable storage.
//
// Fault model — what it can do to you:
// - `write` lands in the page cache only; it is durable after an `fsync` of that file completes.
// - A *process crash* keeps the page cache (the OS still holds it): written-but-unsynced bytes survive.
// - A *power loss* drops the page cache: every unsynced write and truncate is lost, except that the
//   last unsynced write may persist torn — any prefix of it, from zero bytes to all — possibly leaving a
//   zero-filled gap where earlier unsynced writes were lost.
// - Injected faults, each recorded in the trace: a bit flip in synced data, a misdirected write (the
//   bytes land at another offset of the same file, the intended range keeps its old content) and a
//   lying fsync (reports success, persists nothing).
// What it never does: lose or change synced bytes except by an injected bit flip or misdirected
// write; reorder the effects of writes to one file; fail a read of bytes that exist.
import { assert, fail } from './assert.js';
import { copyBytes } from './bytes.js';
import type { Random } from './random.js';
import type { NodeDisk } from './node.js';
import type { Micros } from './time.js';

export interface DiskConfig {
  fsyncMicrosMin: number;
  fsyncMicrosMax: number;
  /** Upper bound on one file's size: a model that grows past it is a bug, not a fault. */
  fileBytesMax: number;
  /** Chance that a power loss keeps a torn prefix of the last unsynced write. */
  tornWriteRatio: number;
}

export const diskDefaults: DiskConfig = {
  fsyncMicrosMin: 200,
  fsyncMicrosMax: 2_000,
  fileBytesMax: 64 * 1024 * 1024,
  tornWriteRatio: 0.5,
};

type PendingOperation = { kind: 'write'; offset: number; bytes: Uint8Array } | { kind: 'truncate'; size: number };

class ByteImage {
  bytes = new Uint8Array(256);
  size = 0;

  write(offset: number, data: Uint8Array): void {
    const end = offset + data.length;
    this.reserve(end);
    this.bytes.set(data, offset);
    if (end > this.size) this.size = end;
  }

  truncate(size: number): void {
    if (size < this.size) this.bytes.fill(0, size, this.size);
    else this.reserve(size);
    this.size = size;
  }

  copy(): ByteImage {
    const image = new ByteImage();
    image.bytes = this.bytes.slice(0, Math.max(this.size, 16));
    image.size = this.size;
    return image;
  }

  private reserve(end: number): void {
    if (end <= this.bytes.length) return;
    let capacity = this.bytes.length;
    while (capacity < end) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.size));
    this.bytes = grown;
  }
}

class SimFile {
  cache = new ByteImage();
  durable = new ByteImage();
  /** Unsynced operations in issue order; `pendingFirst` numbers the first of them. */
  pending: PendingOperation[] = [];
  pendingFirst = 0;
}

export type FsyncResult = { ok: true };

/** What the kernel is told about each injected disk fault, for the trace. */
export interface DiskFaultRecord {
  kind: 'bitFlip' | 'misdirectedWrite' | 'lyingFsync' | 'tornWrite';
  file: string;
  offset: number;
  detail: number;
}

export class Disk {
  private readonly files = new Map<string, SimFile>();
  private misdirectArmed = 0;
  private lyingFsyncArmed = 0;

  constructor(
    readonly config: DiskConfig,
    private readonly random: Random,
    private readonly onFault: (record: DiskFaultRecord) => void,
  ) {}

  // --- the API a model sees (through its node context) ---

  exists(name: string): boolean {
    return this.files.has(name);
  }

  /** File names in sorted order (never Map insertion order). */
  list(): string[] {
    return [...this.files.keys()].sort();
  }

  size(name: string): number {
    return this.files.get(name)?.cache.size ?? 0;
  }

  /** Reads up to `length` bytes at `offset` (fewer at the end of the file). Returns a copy. */
  read(name: string, offset: number, length: number): Uint8Array {
    assert(offset >= 0 && length >= 0, 'read: offset and length must be non-negative');
    const file = this.files.get(name);
    if (file === undefined) return new Uint8Array(0);
    const end = Math.min(file.cache.size, offset + length);
    if (end <= offset) return new Uint8Array(0);
    return copyBytes(file.cache.bytes, offset, end);
  }

  /** Writes into the page cache. Creates the file if needed. */
  write(name: string, offset: number, data: Uint8Array): void {
    if (!(Number.isSafeInteger(offset) && offset >= 0)) fail(`write: bad offset ${offset}`);
    if (offset + data.length > this.config.fileBytesMax) fail(`write: ${name} would exceed fileBytesMax ${this.config.fileBytesMax}`);
    const file = this.fileFor(name);
    let target = offset;
    if (this.misdirectArmed > 0 && data.length > 0) {
      this.misdirectArmed--;
      const span = Math.max(file.cache.size - data.length, 0);
      target = this.random.below(span + 1);
      if (target === offset) target = offset + data.length; // a misdirected write never hits its target
      this.onFault({ kind: 'misdirectedWrite', file: name, offset, detail: target });
    }
    const bytes = copyBytes(data);
    file.cache.write(target, bytes);
    file.pending.push({ kind: 'write', offset: target, bytes });
  }

  append(name: string, data: Uint8Array): number {
    const offset = this.size(name);
    this.write(name, offset, data);
    return offset;
  }

  truncate(name: string, size: number): void {
    if (!(Number.isSafeInteger(size) && size >= 0)) fail(`truncate: bad size ${size}`);
    const file = this.fileFor(name);
    file.cache.truncate(size);
    file.pending.push({ kind: 'truncate', size });
  }

  /** Removing a file is a metadata operation we treat as immediately durable. */
  remove(name: string): void {
    this.files.delete(name);
  }

  /**
   * Starts an fsync of one file. Returns the operations it covers and how long it takes; the kernel
   * calls `completeFsync` when that time has passed (unless the process died meanwhile — an fsync that
   * never returned promised nothing, though the OS may still write the cache back later).
   */
  beginFsync(name: string): { covered: number; durationMicros: Micros } {
    const file = this.files.get(name);
    // `covered` is an operation number, not a count: fsyncs may complete out of order, and one that
    // completes late must not make durable the writes issued after it began.
    const covered = file === undefined ? 0 : file.pendingFirst + file.pending.length;
    const durationMicros = this.random.intInclusive(this.config.fsyncMicrosMin, this.config.fsyncMicrosMax);
    return { covered, durationMicros };
  }

  completeFsync(name: string, covered: number): FsyncResult {
    const file = this.files.get(name);
    const count = file === undefined ? 0 : Math.min(covered - file.pendingFirst, file.pending.length);
    if (file === undefined || count <= 0) return { ok: true };
    if (this.lyingFsyncArmed > 0) {
      this.lyingFsyncArmed--;
      this.onFault({ kind: 'lyingFsync', file: name, offset: 0, detail: count });
      return { ok: true };
    }
    for (let index = 0; index < count; index++) applyOperation(file.durable, file.pending[index] as PendingOperation);
    file.pending.splice(0, count);
    file.pendingFirst += count;
    return { ok: true };
  }

  // --- what the kernel does to it ---

  /** Power loss: the page cache is gone; the last unsynced write may survive torn. */
  powerLoss(): void {
    for (const name of this.list()) {
      const file = this.files.get(name) as SimFile;
      const last = file.pending.at(-1);
      file.cache = file.durable.copy();
      if (last !== undefined && last.kind === 'write' && last.bytes.length > 0 && this.random.ratio(this.config.tornWriteRatio)) {
        const keptBytes = this.random.below(last.bytes.length + 1);
        file.cache.write(last.offset, last.bytes.subarray(0, keptBytes));
        file.durable = file.cache.copy();
        this.onFault({ kind: 'tornWrite', file: name, offset: last.offset, detail: keptBytes });
      }
      file.pendingFirst += file.pending.length;
      file.pending = [];
    }
  }

  /** Flip one bit of synced data, in a named file or a random non-empty one. Returns false if none. */
  flipBit(name?: string): boolean {
    const candidates = name !== undefined ? [name] : this.list().filter((each) => (this.files.get(each)?.durable.size ?? 0) > 0);
    if (candidates.length === 0) return false;
    const chosen = this.random.pick(candidates);
    const file = this.files.get(chosen);
    if (file === undefined || file.durable.size === 0) return false;
    const offset = this.random.below(file.durable.size);
    const mask = 1 << this.random.below(8);
    file.durable.bytes[offset] = (file.durable.bytes[offset] as number) ^ mask;
    if (offset < file.cache.size) file.cache.bytes[offset] = (file.cache.bytes[offset] as number) ^ mask;
    this.onFault({ kind: 'bitFlip', file: chosen, offset, detail: mask });
    return true;
  }

  armMisdirectedWrites(count: number): void {
    this.misdirectArmed += count;
  }

  armLyingFsyncs(count: number): void {
    this.lyingFsyncArmed += count;
  }

  disarm(): void {
    this.misdirectArmed = 0;
    this.lyingFsyncArmed = 0;
  }

  /** Bytes not yet durable, per file: for reports and tests. */
  unsyncedOperations(name: string): number {
    return this.files.get(name)?.pending.length ?? 0;
  }

  /** The durable content of a file, as a power loss would leave it (without tearing): for checkers. */
  durableBytes(name: string): Uint8Array {
    const file = this.files.get(name);
    return file === undefined ? new Uint8Array(0) : file.durable.bytes.slice(0, file.durable.size);
  }

  private fileFor(name: string): SimFile {
    let file = this.files.get(name);
    if (file === undefined) {
      file = new SimFile();
      this.files.set(name, file);
    }
    return file;
  }
}

function applyOperation(image: ByteImage, operation: PendingOperation): void {
  if (operation.kind === 'write') image.write(operation.offset, operation.bytes);
  else image.truncate(operation.size);
}

/**
 * The view of a disk one process incarnation gets: reads always work; writes and fsyncs of a dead
 * incarnation are ignored; an fsync's completion is handed to `scheduleFsync` to run after its
 * duration (the kernel queues it as an event; a test host may run it when it likes).
 */
export function diskView(disk: Disk, alive: () => boolean, scheduleFsync: (fire: () => void, durationMicros: Micros) => void): NodeDisk {
  return {
    exists: (name) => disk.exists(name),
    list: () => disk.list(),
    size: (name) => disk.size(name),
    read: (name, offset, length) => disk.read(name, offset, length),
    write: (name, offset, data) => {
      if (alive()) disk.write(name, offset, data);
    },
    append: (name, data) => (alive() ? disk.append(name, data) : disk.size(name)),
    truncate: (name, size) => {
      if (alive()) disk.truncate(name, size);
    },
    remove: (name) => {
      if (alive()) disk.remove(name);
    },
    fsync: (name, done) => {
      if (!alive()) return;
      const { covered, durationMicros } = disk.beginFsync(name);
      scheduleFsync(() => done(disk.completeFsync(name, covered)), durationMicros);
    },
  };
}

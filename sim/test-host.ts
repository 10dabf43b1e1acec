// A small, fully controlled host for unit tests of a model's storage outside a simulation: the
// kernel's real Disk, with fsyncs and timers that run only when the test calls `settle()`, plus the
// kernel's own crash verbs. Deterministic; no real time, no real file system.
import { Disk, diskDefaults, diskView, type DiskConfig } from './disk.js';
import type { NodeContext, NodeDisk, TimerHandle } from './node.js';
import { Random } from './random.js';
import type { Micros } from './time.js';

export type TimerSource = Pick<NodeContext, 'setTimer' | 'cancelTimer'>;

export interface TestHost {
  readonly disk: Disk;
  /** The view a store gets; reset by `crash()` so callbacks of the dead incarnation never run. */
  nodeDisk(): NodeDisk;
  readonly timers: TimerSource;
  /** Runs queued fsync completions and timers (in the order queued) until none is left. */
  settle(): void;
  /** Process crash (page cache kept) or power loss (unsynced writes dropped, maybe torn). */
  crash(powerLoss: boolean): void;
}

export function createTestHost(seed = 'test', config: Partial<DiskConfig> = {}): TestHost {
  const disk = new Disk({ ...diskDefaults, ...config }, new Random(seed), () => undefined);
  let incarnation = 0;
  let queue: { incarnation: number; run: () => void }[] = [];
  const nodeDisk = (): NodeDisk => {
    const mine = incarnation;
    return diskView(disk, () => mine === incarnation, (run) => queue.push({ incarnation: mine, run }));
  };
  const timers: TimerSource = {
    setTimer(delayMicros: Micros, _label: string, fire: () => void): TimerHandle {
      const handle = { time: delayMicros, cancelled: false };
      const mine = incarnation;
      queue.push({ incarnation: mine, run: () => (handle.cancelled ? undefined : fire()) });
      return handle;
    },
    cancelTimer(handle: TimerHandle): void {
      (handle as unknown as { cancelled: boolean }).cancelled = true;
    },
  };
  return {
    disk,
    nodeDisk,
    timers,
    settle() {
      for (let rounds = 0; rounds < 100_000 && queue.length > 0; rounds++) {
        const next = queue.shift() as { incarnation: number; run: () => void };
        if (next.incarnation === incarnation) next.run();
      }
    },
    crash(powerLoss) {
      incarnation++;
      queue = [];
      if (powerLoss) disk.powerLoss();
    },
  };
}

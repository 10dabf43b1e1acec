// The read-model's planted bugs: named, off by default, switched on with `--bug NAME`. Each breaks one
// guarantee of the design options, and a property of properties/readmodel catches each (pinned by
// scenarios/readmodel.test.ts) — a property that no planted bug can trip is not trusted.
export const readModelBugs = {
  'evict-dirty-entry': 'app: eviction may drop an entry still queued for write-behind; the loader then reads the older database value',
  'coalesce-event-map': 'app: write coalescing applied to the append-only event map: only the newest queued event per aggregate is stored, the others vanish',
  'checkpoint-before-apply': 'projection: the checkpoint position is advanced past a batch before the batch is applied; after a crash those events are skipped',
  'invalidate-before-write': 'app: cache-aside invalidates before updating the view; a read in between puts the old view back in the cache',
  'debounce-write-delay': 'app: the write-behind flush timer restarts on every new event (a debounce, not a maximum delay); under steady appends queued events wait far past writeDelayMicros',
  'batch-ack-before-store': 'database: a store request is acknowledged when written, before the fsync makes it durable (write-through acks what a power loss undoes)',
} as const;

export type ReadModelBug = keyof typeof readModelBugs;

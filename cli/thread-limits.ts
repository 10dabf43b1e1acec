// V8 heap settings for the threads that run simulations back to back (`explore` workers, `bench`).
//
// A run keeps everything it creates — the history, the model's log, the disk's pending writes —
// alive until it is judged at the end. With V8's default young generation (16 MiB semi-spaces) each
// scavenge copies that live data again before it is promoted, and scavenging took a fifth of the log
// store scenarios' time. With 64 MiB semi-spaces (a 192 MiB young generation) the simulation part of
// a logstore-crash seed took ~40% less time (BENCHMARKS.md). The price is up to ~200 MiB more
// resident memory per worker thread.
import type { ResourceLimits } from 'node:worker_threads';

export const simulationThreadLimits: ResourceLimits = { maxYoungGenerationSizeMb: 192 };

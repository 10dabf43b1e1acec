// logstore-disk: one log store node whose disk flips bits in synced data, misdirects writes and lies
// about fsync, with process crashes so that recovery re-reads (and must verify) what is on disk. No
// power loss: a lying fsync followed by a power loss silently loses acknowledged data that no
// single-node store can detect, which is a replication question, not a log store one.
import { logStoreScenario } from './logstore-common.js';

export const logStoreDisk = logStoreScenario('logstore-disk', 'Log store: bit flips, misdirected writes, lying fsync, with process crashes', {
  swarm: true,
  startMicros: 50_000,
  endMicros: 3_000_000,
  kinds: {
    bitFlip: { eventsMax: 3, durationMicrosMin: 0, durationMicrosMax: 0, magnitudeMax: 0 },
    misdirectWrites: { eventsMax: 2, durationMicrosMin: 0, durationMicrosMax: 0, magnitudeMax: 1 },
    lieFsync: { eventsMax: 3, durationMicrosMin: 0, durationMicrosMax: 0, magnitudeMax: 3 },
    crash: { eventsMax: 4, durationMicrosMin: 1_000, durationMicrosMax: 100_000, magnitudeMax: 0 },
  },
}, {}, ['corruption-declared', 'retry-deduplicated']);

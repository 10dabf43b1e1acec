// logstore-crash: one log store node under process crashes and power losses during appends (torn
// writes, lost page cache), with restarts; four clients append to and read eight streams with expected
// versions and retries. Faults for 3 s, then a healed quiet period; the default `npm start` scenario.
// Most power losses tear the last unsynced write (tornWriteRatio 0.9): tears are what this scenario is for.
import { logStoreScenario } from './logstore-common.js';

const short = { durationMicrosMin: 1_000, durationMicrosMax: 150_000, magnitudeMax: 0 };

export const logStoreCrash = logStoreScenario('logstore-crash', 'Log store: process crashes and power losses during appends, torn writes, restarts', {
  swarm: true,
  startMicros: 50_000,
  endMicros: 3_000_000,
  kinds: {
    crash: { eventsMax: 6, ...short },
    powerLoss: { eventsMax: 6, ...short },
    pause: { eventsMax: 2, durationMicrosMin: 1_000, durationMicrosMax: 50_000, magnitudeMax: 0 },
  },
}, { tornWriteRatio: 0.9 }, ['torn-tail-cut', 'retry-deduplicated']);

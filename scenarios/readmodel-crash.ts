// readmodel-crash: the read model under crashes — the application crashes and loses power (its
// write-behind queue and its maps are gone; it reloads from the database), the database crashes and
// loses power (its log store recovers, cutting torn tails) and restarts, the projection worker restarts
// from its checkpoint, the cache loses everything. Defaults: write-behind, async projection, cache-aside,
// so one exploration measures the loss window, rebuilds projections and reads through the cache.
import type { KindProfile } from '../sim/faults.js';
import { readModelScenario } from './readmodel-common.js';

const MILLI = 1_000;
const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax: 0 });

export const readModelCrash = readModelScenario({
  name: 'readmodel-crash',
  description: 'Read model: the application crashes and loses power (write-behind queue lost), the database restarts, the projection rebuilds from its checkpoint, the cache is emptied',
  readmodel: { persistence: 'write-behind', projection: 'async', cache: 'cache-aside' },
  disk: { tornWriteRatio: 0.9 },
  coverage: ['loss-window-observed', 'projection-rebuilt', 'evicted-key-reloaded', 'cache-hit', 'cache-expired', 'cache-fill-refused'],
  faults: {
    swarm: true,
    startMicros: 50 * MILLI,
    endMicros: 1_500 * MILLI,
    kinds: {
      crash: kind(4, 2 * MILLI, 60 * MILLI),
      powerLoss: kind(4, 2 * MILLI, 60 * MILLI),
      correlatedPowerLoss: kind(1, 5 * MILLI, 60 * MILLI),
    },
  },
});

// saga-coordinator-crash: the coordinator crashes, loses power (torn tails in its decision log) and
// pauses while sagas are in flight, and restarts; the services stay up. Every in-flight saga must be
// resumed from the decision log, and no acknowledged order forgotten. The coordinator's disk is a slow
// network volume (fsync 1–12 ms) and eight customers keep many sagas in flight, so a power loss often
// lands while a decision is written but not yet durable.
import { sagaScenario } from './saga-common.js';

const SECOND = 1_000_000;
const short = { durationMicrosMin: 5_000, durationMicrosMax: 10 * SECOND, magnitudeMax: 0 };

export const sagaCoordinatorCrash = sagaScenario({
  name: 'saga-coordinator-crash',
  description: 'Order saga: the coordinator crashes and loses power mid-saga (torn decision-log tails), pauses, restarts',
  faultNodes: ['coordinator'],
  // Only the coordinator is faulted and the network is kept whole: no step runs out of time here.
  coverage: ['compensation-ran', 'retry-deduplicated', 'saga-recovered-after-crash', 'stock-unavailable', 'payment-declined'],
  disk: { tornWriteRatio: 0.9, fsyncMicrosMin: 1_000, fsyncMicrosMax: 12_000 },
  saga: { customerCount: 8 },
  faults: {
    swarm: false,
    startMicros: 1 * SECOND,
    endMicros: 360 * SECOND,
    kinds: {
      crash: { eventsMax: 8, ...short },
      powerLoss: { eventsMax: 12, ...short },
      pause: { eventsMax: 2, durationMicrosMin: 1 * SECOND, durationMicrosMax: 40 * SECOND, magnitudeMax: 0 },
    },
  },
});

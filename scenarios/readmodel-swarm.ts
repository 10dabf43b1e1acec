// readmodel-swarm: swarm testing of the read model — each seed draws its own design (persistence,
// projection, cache: `drawOptions`, shown in the run header and reports) and its own mix and rates of crash, power-loss,
// correlated power-loss, pause, partition, one-way, clog and loss faults over all four nodes. No media
// faults (a single-copy database may lose acknowledged data to them by design) and no clock skew or
// drift (the loss window and the cache TTL are durations on the nodes' own clocks).
import type { KindProfile } from '../sim/faults.js';
import { cacheModes, persistenceModes, projectionModes } from '../models/readmodel/config.js';
import { readModelScenario } from './readmodel-common.js';

const MILLI = 1_000;
const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });

export const readModelSwarm = readModelScenario({
  name: 'readmodel-swarm',
  description: 'Read model: swarm testing — each seed draws its own design options and its own mix of crash, power-loss, pause, partition, clog and loss faults',
  drawOptions: (_config, random) => [
    `readmodel.persistence=${random.pick(persistenceModes)}`,
    `readmodel.projection=${random.pick(projectionModes)}`,
    `readmodel.cache=${random.pick(cacheModes)}`,
  ],
  disk: { tornWriteRatio: 0.7 },
  coverage: ['loss-window-observed', 'projection-rebuilt', 'evicted-key-reloaded', 'cache-hit', 'cache-expired', 'cache-fill-refused'],
  faults: {
    swarm: true,
    swarmDensityVaried: true,
    startMicros: 50 * MILLI,
    endMicros: 1_500 * MILLI,
    kinds: {
      crash: kind(3, 2 * MILLI, 60 * MILLI),
      powerLoss: kind(3, 2 * MILLI, 60 * MILLI),
      correlatedPowerLoss: kind(1, 5 * MILLI, 60 * MILLI),
      pause: kind(2, 2 * MILLI, 40 * MILLI),
      isolate: kind(3, 5 * MILLI, 150 * MILLI),
      partitionOneWay: kind(2, 5 * MILLI, 100 * MILLI),
      clog: kind(2, 2 * MILLI, 60 * MILLI),
      loss: kind(2, 10 * MILLI, 150 * MILLI, 200_000),
    },
  },
});

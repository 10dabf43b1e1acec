// saga-swarm: swarm testing of the order saga — each seed draws its own subset and rates of partition,
// clog, loss, crash, power-loss, pause, clock-skew and drift faults over all four nodes. Media faults
// (bit flips, misdirected writes, lying fsync) are left to the log store scenarios: on a single-copy
// store they may destroy acknowledged data by design, which no saga can survive.
import type { KindProfile } from '../sim/faults.js';
import { sagaScenario } from './saga-common.js';

const SECOND = 1_000_000;
const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });

export const sagaSwarm = sagaScenario({
  name: 'saga-swarm',
  description: 'Order saga: swarm testing — each seed draws its own mix and rates of every fault kind but media faults',
  network: { duplicateRatio: 0.01 },
  // A forward step overtaken by its compensation needs saga-faults' heavier duplication and delay.
  coverage: ['compensation-ran', 'retry-deduplicated', 'saga-recovered-after-crash', 'step-timed-out', 'stock-unavailable', 'payment-declined'],
  faults: {
    swarm: true,
    startMicros: 1 * SECOND,
    endMicros: 360 * SECOND,
    kinds: {
      partition: kind(3, 1 * SECOND, 120 * SECOND),
      partitionOneWay: kind(2, 1 * SECOND, 90 * SECOND),
      isolate: kind(3, 1 * SECOND, 150 * SECOND),
      clog: kind(2, 1 * SECOND, 60 * SECOND),
      loss: kind(2, 5 * SECOND, 100 * SECOND, 300_000),
      crash: kind(4, 5_000, 90 * SECOND),
      powerLoss: kind(4, 5_000, 90 * SECOND),
      pause: kind(2, 1 * SECOND, 40 * SECOND),
      skew: kind(2, 0, 0, 5 * SECOND),
      drift: kind(2, 0, 0, 50_000),
    },
  },
});

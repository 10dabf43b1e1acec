// saga-faults: the order saga under partitions between the coordinator and the services (one node cut
// off from the others, minority splits, one-way links, clogged links), service crashes and power losses
// (the coordinator is hit now and then too), message loss, duplication and delay. Faults last seconds to
// minutes, so steps time out after their retries (the seed's 15–60 s) and sagas roll back.
import type { KindProfile } from '../sim/faults.js';
import { sagaScenario } from './saga-common.js';

const SECOND = 1_000_000;
const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });

export const sagaFaults = sagaScenario({
  name: 'saga-faults',
  description: 'Order saga: coordinator–service partitions, service crashes and power losses, message loss, duplication and delay',
  network: { duplicateRatio: 0.02, latencyMicrosMax: 5_000 },
  faults: {
    swarm: false,
    startMicros: 1 * SECOND,
    endMicros: 360 * SECOND,
    kinds: {
      isolate: kind(4, 5 * SECOND, 150 * SECOND),
      partitionOneWay: kind(2, 5 * SECOND, 100 * SECOND),
      clog: kind(2, 1 * SECOND, 60 * SECOND),
      loss: kind(2, 10 * SECOND, 100 * SECOND, 300_000),
      crash: kind(4, 1 * SECOND, 120 * SECOND),
      powerLoss: kind(3, 1 * SECOND, 120 * SECOND),
    },
  },
});

// saga-swarm: swarm testing of the order saga — each seed draws its own subset and rates of partition,
// clog, loss, crash, power-loss, pause, clock-skew and drift faults over all four nodes, faults aimed at
// the coordinator mid-step (`targeted`: a busy node), and its own options: half the seeds run on slow
// network volumes whose writes tear (fsync 1–12 ms, as saga-coordinator-crash), so a power loss often
// lands while a decision is written but not yet durable; customers' pace, stock and balances. Media faults
// (bit flips, misdirected writes, lying fsync) are left to the log store scenarios: on a single-copy
// store they may destroy acknowledged data by design, which no saga can survive.
import type { KindProfile } from '../sim/faults.js';
import type { Random } from '../sim/random.js';
import { sagaScenario } from './saga-common.js';

const SECOND = 1_000_000;
const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });

/** The seed's disk and workload options, as `path=value`. Reads nothing of the config. */
export function drawSagaOptions(_config: unknown, random: Random): string[] {
  const options: string[] = [];
  // Two seeds in three run on the slow volume; such a seed also loses power more often, in short
  // outages, with customers ordering faster: each power loss is a chance to land between a decision's
  // write and its fsync.
  if (random.chance(2, 3)) {
    options.push('disk.fsyncMicrosMin=1000', 'disk.fsyncMicrosMax=12000', 'disk.tornWriteRatio=0.9', 'faults.kinds.powerLoss.eventsMax=12', `faults.kinds.powerLoss.durationMicrosMax=${10 * SECOND}`, `saga.thinkMicrosMax=${2 * SECOND}`);
  } else options.push(`saga.thinkMicrosMax=${random.pick([2 * SECOND, 8 * SECOND])}`);
  options.push(`saga.stockPerProduct=${random.pick([30, 60])}`);
  options.push(`saga.balancePerCustomer=${random.pick([3_000, 6_000])}`);
  return options;
}

export const sagaSwarm = sagaScenario({
  name: 'saga-swarm',
  description: 'Order saga: swarm testing — each seed draws its own mix and rates of every fault kind but media faults, coordinator-aimed faults, its disk speed and workload',
  drawOptions: drawSagaOptions,
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
      // Aimed at what the nodes show: the coordinator is the node with a log and steps in flight.
      targeted: kind(6, 5_000, 10 * SECOND),
      // A site-wide power cut: every node or a majority (the coordinator among them, mostly) within 1 ms.
      correlatedPowerLoss: kind(3, 5_000, 10 * SECOND, 1_000),
    },
  },
});

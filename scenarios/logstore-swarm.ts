// logstore-swarm: swarm testing of the log store — each seed draws its own mix and density of every fault
// the single store node is exposed to (process crashes, power losses with torn writes, pauses, bit flips,
// misdirected writes, lying fsyncs, lost messages and clock faults), and its own store and workload
// options: durability mode, segment size, how often writes tear, the operation mix and the stream count.
// One rule keeps the correct store clean by construction: a seed runs either power losses or lying
// fsyncs, never both — a lying fsync followed by a power loss silently loses acknowledged data that no
// single-node store can detect (logstore-disk says the same), so the seed's *disk regime* picks one.
import type { KindProfile } from '../sim/faults.js';
import type { Random } from '../sim/random.js';
import { logStoreScenario } from './logstore-common.js';

const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });

/** The seed's disk regime, store options and workload, as `path=value`. Reads nothing of the config. */
export function drawLogStoreOptions(_config: unknown, random: Random): string[] {
  const options: string[] = [];
  // Disk regime: power losses (and torn writes) or lying fsyncs, never both in one seed.
  if (random.chance(1, 2)) options.push('faults.kinds.lieFsync.eventsMax=0', `disk.tornWriteRatio=${random.pick([0.5, 0.9])}`);
  else options.push('faults.kinds.powerLoss.eventsMax=0');
  // `none` is not drawn: it acknowledges before any fsync by design and loses data to every power loss.
  options.push(`logstore.durability=${random.pick(['fsync', 'group'])}`);
  options.push(`logstore.segmentBytesMax=${random.pick([4_096, 65_536])}`);
  options.push(`disk.fsyncMicrosMax=${random.pick([2_000, 12_000])}`);
  options.push(`workload.streamCount=${random.pick([2, 8])}`);
  options.push(`workload.batchEventsMax=${random.pick([1, 3])}`);
  options.push(`workload.deletePercent=${random.pick([2, 10])}`);
  options.push(`workload.thinkMicrosMax=${random.pick([500, 2_000])}`);
  return options;
}

export const logStoreSwarm = logStoreScenario(
  'logstore-swarm',
  'Log store: swarm testing — each seed draws its own mix and density of every fault kind, its durability mode, segment size and workload',
  {
    swarm: true,
    swarmDensityVaried: true,
    startMicros: 50_000,
    endMicros: 3_000_000,
    kinds: {
      loss: kind(2, 50_000, 500_000, 200_000),
      crash: kind(6, 1_000, 150_000),
      powerLoss: kind(6, 1_000, 150_000),
      pause: kind(2, 1_000, 50_000),
      skew: kind(2, 0, 0, 500_000),
      drift: kind(2, 0, 0, 100_000),
      bitFlip: kind(3, 0, 0),
      misdirectWrites: kind(2, 0, 0, 1),
      lieFsync: kind(3, 0, 0, 3),
    },
  },
  {},
  ['torn-tail-cut', 'retry-deduplicated', 'corruption-declared'],
  drawLogStoreOptions,
);

// counter-swarm: swarm testing of the demo counter — each seed draws its own mix and density of every
// fault the counter nodes are exposed to (crashes, power losses with torn writes, pauses, partitions of
// every shape, clogged links, message loss, clock skew and drift, and faults aimed at the busiest or
// longest-running node), and its own disk speed and client pacing. No media faults: a counter keeps one
// copy of its value, so a bit flip or a lying fsync may destroy an acknowledged count by design.
import type { KindProfile } from '../sim/faults.js';
import type { Random } from '../sim/random.js';
import { demoCounter, type DemoCounterConfig } from './demo-counter.js';
import type { ScenarioDefinition } from './types.js';

const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });

/** The seed's disk speed, tear rate and client pacing, as `path=value`. Reads nothing of the config. */
export function drawCounterOptions(_config: unknown, random: Random): string[] {
  return [
    `disk.fsyncMicrosMax=${random.pick([2_000, 12_000])}`,
    `disk.tornWriteRatio=${random.pick([0.5, 0.9])}`,
    `counter.intervalMicros=${random.pick([1_000, 5_000, 20_000])}`,
    `counter.timeoutMicros=${random.pick([20_000, 50_000])}`,
  ];
}

export const counterSwarm: ScenarioDefinition<DemoCounterConfig> = {
  ...demoCounter,
  name: 'counter-swarm',
  description: 'Demo counter: swarm testing — each seed draws its own mix and density of every fault kind but media faults, its disk speed and client pacing',
  defaults: {
    ...demoCounter.defaults,
    swarmOptions: true,
    faults: {
      swarm: true,
      swarmDensityVaried: true,
      startMicros: 0,
      endMicros: 3_000_000,
      kinds: {
        partition: kind(2, 50_000, 800_000),
        partitionOneWay: kind(2, 50_000, 600_000),
        isolate: kind(2, 50_000, 800_000),
        clog: kind(2, 20_000, 300_000),
        loss: kind(2, 50_000, 800_000, 200_000),
        crash: kind(3, 10_000, 500_000),
        powerLoss: kind(3, 10_000, 500_000),
        pause: kind(2, 10_000, 300_000),
        skew: kind(2, 0, 0, 500_000),
        drift: kind(2, 0, 0, 100_000),
        targeted: kind(3, 10_000, 500_000),
        correlatedPowerLoss: kind(1, 10_000, 300_000, 1_000),
        correlatedCrash: kind(1, 10_000, 300_000, 1_000),
      },
    },
  },
  drawOptions: drawCounterOptions,
};

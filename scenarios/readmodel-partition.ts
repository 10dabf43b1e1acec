// readmodel-partition: the read model under partitions — the application cut off from the database
// (stores and loads time out; write-behind backs up and refuses once overdue), from the cache
// (invalidations go unconfirmed: the TTL bounds what the cache may serve stale) and from the projection
// worker; one-way links, clogged links that hold messages and release them late, message loss. No node
// crashes. Defaults: write-through, inline projection, cache-aside.
import type { KindProfile } from '../sim/faults.js';
import { readModelScenario } from './readmodel-common.js';

const MILLI = 1_000;
const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });

export const readModelPartition = readModelScenario({
  name: 'readmodel-partition',
  description: 'Read model: application–database and application–cache partitions, one-way and clogged links, message loss',
  readmodel: { persistence: 'write-through', projection: 'inline', cache: 'cache-aside' },
  coverage: ['evicted-key-reloaded', 'cache-hit', 'cache-expired', 'cache-fill-refused'],
  faults: {
    swarm: true,
    startMicros: 50 * MILLI,
    endMicros: 1_500 * MILLI,
    kinds: {
      isolate: kind(4, 5 * MILLI, 200 * MILLI),
      partitionOneWay: kind(3, 5 * MILLI, 150 * MILLI),
      clog: kind(3, 2 * MILLI, 80 * MILLI),
      loss: kind(2, 10 * MILLI, 200 * MILLI, 200_000),
    },
  },
});

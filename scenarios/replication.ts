// The replication scenarios (models/replication): the seed's log shipping and a quorum protocol under
// partitions, bridges, crashes with torn tails, clock skew and drift, disk faults on one replica, and
// swarm testing. Each ends with healAll at `faults.endMicros` and a quiet period before the checks.
import type { KindProfile } from '../sim/faults.js';
import type { Random } from '../sim/random.js';
import { replicationScenario } from './replication-common.js';

const kind = (eventsMax: number, durationMicrosMin: number, durationMicrosMax: number, magnitudeMax = 0): KindProfile => ({ eventsMax, durationMicrosMin, durationMicrosMax, magnitudeMax });
const window = { startMicros: 500_000, endMicros: 6_000_000 };

export const replicationPartitionPrimary = replicationScenario({
  name: 'partition-primary',
  description: 'Replication: a replica (often the primary) isolated from the majority with one client still beside it, then healed',
  coverage: ['election-with-divergent-log', 'suffix-truncated', 'retry-deduplicated'],
  // The isolated replica keeps one client, so a deposed primary still has someone to serve (or to fail).
  faults: { swarm: false, ...window, kinds: { isolateWithClient: kind(4, 300_000, 1_200_000) } },
});

export const replicationPartitionBridge = replicationScenario({
  name: 'partition-bridge',
  description: 'Replication: bridge partitions — two sides (replicas and clients) that each see only the bridge',
  partitionClients: true,
  coverage: ['election-with-divergent-log', 'suffix-truncated', 'retry-deduplicated'],
  faults: { swarm: false, ...window, kinds: { bridge: kind(3, 300_000, 1_500_000), isolate: kind(1, 200_000, 800_000) } },
});

export const replicationCrashRestart = replicationScenario({
  name: 'crash-restart',
  description: 'Replication: rolling and simultaneous process crashes and power losses (torn tails), restarts',
  coverage: ['election-with-divergent-log', 'torn-tail-cut', 'retry-deduplicated'],
  faults: { swarm: false, ...window, kinds: { crash: kind(4, 10_000, 800_000), powerLoss: kind(4, 10_000, 800_000) } },
});

export const replicationClockSkew = replicationScenario({
  name: 'clock-skew',
  description: 'Replication: clock offsets and drift within the lease bound, primary leases on, primaries isolated from the majority',
  // Long election timeouts and a wide drift bound make the lease arithmetic visible; read-heavy clients
  // keep asking a primary that has just been cut off, which is where a stale lease read would show.
  replication: { leases: true, leaseDriftBoundPpm: 300_000, electionMicrosMin: 300_000, electionMicrosMax: 330_000, readPerMille: 900, clientCount: 4, thinkMicrosMax: 5_000, streamCount: 1 },
  coverage: ['election-with-divergent-log', 'lease-expired-during-read', 'retry-deduplicated'],
  faults: {
    swarm: false,
    ...window,
    kinds: { skew: kind(4, 0, 0, 2_000_000), drift: kind(8, 0, 0, 300_000), isolate: kind(5, 200_000, 1_000_000) },
  },
});

export const replicationDiskFaults = replicationScenario({
  name: 'disk-faults',
  description: 'Replication: bit flips, misdirected writes, lying fsyncs and power losses on one replica',
  faultReplicaIndexes: [2],
  coverage: ['torn-tail-cut', 'retry-deduplicated'],
  faults: {
    swarm: false,
    ...window,
    kinds: { bitFlip: kind(6, 0, 0), misdirectWrites: kind(3, 0, 0, 3), lieFsync: kind(3, 0, 0, 4), powerLoss: kind(3, 10_000, 600_000), crash: kind(2, 10_000, 400_000) },
  },
});

/**
 * Swarm testing of the quorum design's options, not only of its faults: each seed draws whether primary
 * leases are on — with a drift bound its own drift faults stay inside, so a correct lease is safe and a
 * lease that ignores drift is not — its election timeouts (the default spread, or the narrow window that
 * makes lease arithmetic visible), how read-heavy the clients are, one hot stream or six, and the
 * clients' think time. Node and client counts are never drawn: the fault schedule and replay files name
 * nodes and clients by the resolved config.
 */
export function drawReplicationOptions(_config: unknown, random: Random): string[] {
  const options: string[] = [];
  const leases = random.chance(1, 2);
  if (leases) {
    // A lease seed drifts clocks more often, up to the bound its leases are computed for, and isolates
    // replicas more often (clients still reach an isolated primary): where a lease outlives its primacy.
    options.push('replication.leases=true', 'replication.leaseDriftBoundPpm=300000', 'faults.kinds.drift.magnitudeMax=300000', 'faults.kinds.drift.eventsMax=8', 'faults.kinds.isolate.eventsMax=5');
  } else options.push('replication.leases=false');
  // Three lease seeds in four run the workload that probes leases, as clock-skew does: a narrow election
  // window, read-heavy clients with short think times on one hot stream.
  if (leases && random.chance(3, 4)) {
    options.push('replication.electionMicrosMin=300000', 'replication.electionMicrosMax=330000', 'replication.readPerMille=900', 'replication.streamCount=1', 'replication.thinkMicrosMax=5000');
    return options;
  }
  const [electionMin, electionMax] = random.pick([[150_000, 300_000], [300_000, 330_000]] as const);
  options.push(`replication.electionMicrosMin=${electionMin}`, `replication.electionMicrosMax=${electionMax}`);
  // One hot stream only with a read-heavy mix: a single stream of mostly appends makes histories the
  // linearizability checker cannot decide within its budget (inconclusive, never a pass).
  const readPerMille = random.pick([300, 600, 900]);
  options.push(`replication.readPerMille=${readPerMille}`);
  options.push(`replication.streamCount=${readPerMille === 900 ? random.pick([1, 6]) : random.pick([3, 6])}`);
  options.push(`replication.thinkMicrosMax=${random.pick([5_000, 20_000])}`);
  return options;
}

export const replicationSwarm = replicationScenario({
  name: 'swarm',
  description: 'Replication: swarm testing — each seed draws its own mix and rates of every fault kind, and its own design options (leases, timeouts, workload)',
  coverage: ['election-with-divergent-log', 'suffix-truncated', 'torn-tail-cut', 'lease-expired-during-read', 'retry-deduplicated'],
  drawOptions: drawReplicationOptions,
  faults: {
    swarm: true,
    swarmDensityVaried: true,
    ...window,
    kinds: {
      partition: kind(3, 100_000, 1_000_000),
      partitionOneWay: kind(2, 100_000, 800_000),
      bridge: kind(2, 100_000, 1_000_000),
      isolate: kind(3, 100_000, 1_000_000),
      clog: kind(2, 50_000, 500_000),
      loss: kind(2, 100_000, 1_000_000, 200_000),
      crash: kind(3, 10_000, 800_000),
      powerLoss: kind(3, 10_000, 800_000),
      pause: kind(2, 10_000, 400_000),
      skew: kind(3, 0, 0, 2_000_000),
      drift: kind(3, 0, 0, 100_000),
      bitFlip: kind(3, 0, 0),
      // No lying fsync here: one followed by a power loss of the same replica can undo a vote it cast, and
      // no replica without redundant storage defends that (swarm seed 311 drew exactly it). No misdirected
      // writes either: one that sends a replica's newest acknowledged entries elsewhere leaves a log that
      // simply ends early — a lying fsync by another name — and with a lagging third replica the entry is
      // gone (swarm seed 611 with the per-seed workload options). disk-faults keeps both, on one replica.
      // Protocol-aware faults (the primary, the longest log…), and whole-cluster or majority outages
      // within a millisecond.
      targeted: kind(8, 50_000, 600_000),
      targetedPrimary: kind(20, 100_000, 800_000),
      correlatedPowerLoss: kind(2, 10_000, 500_000, 1_000),
      correlatedCrash: kind(2, 10_000, 500_000, 1_000),
    },
  },
});

export const replicationScenarios = [replicationPartitionPrimary, replicationPartitionBridge, replicationCrashRestart, replicationClockSkew, replicationDiskFaults, replicationSwarm];

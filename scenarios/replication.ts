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

/** Kinds a focused seed leaves out: a lease seed keeps clocks, isolation and targeted faults; a leader-storm seed partitions, crashes and aims at new primaries. */
const leaseFocusOff = ['partition', 'partitionOneWay', 'bridge', 'clog', 'loss', 'crash', 'powerLoss', 'pause', 'bitFlip', 'targetedPrimary', 'correlatedPowerLoss', 'correlatedCrash'];
const stormFocusOff = ['skew', 'drift', 'bitFlip', 'loss', 'clog', 'pause', 'bridge', 'partitionOneWay', 'correlatedPowerLoss'];

/**
 * Swarm testing of the quorum design's options, not only of its faults. Each seed draws one of two
 * designs, each with its own workload and fault emphasis:
 * - primary leases on, with drift faults up to the bound the lease is computed for (a correct lease is
 *   safe, a lease that ignores drift is not), more drift and isolation faults, and the workload that
 *   probes leases as clock-skew does: a narrow election window, read-heavy clients with short think
 *   times on one hot stream;
 * - leases off, read-index reads, the default election window, an appending workload (three or six
 *   streams, 30% or 60% reads) and a drawn rate of faults aimed at each new primary (leader storms, the
 *   ground of Raft's figure 8).
 * Half the seeds of each design are *focused*: every kind of the design's fault family on at once (no
 * per-kind coin), the others left out — clocks, isolation and targeted faults for leases; partitions,
 * crashes, power losses and faults aimed at new primaries for the leader storm. The other half draw from
 * every kind, a coin per kind, at a per-seed density.
 * Node and client counts are never drawn: fault schedules and replay files name nodes and clients by
 * the resolved config.
 */
export function drawReplicationOptions(_config: unknown, random: Random): string[] {
  const focused = (off: readonly string[]): string[] => ['faults.swarm=false', ...off.map((kind) => `faults.kinds.${kind}.eventsMax=0`)];
  if (random.chance(1, 2)) {
    return [
      'replication.leases=true',
      'replication.leaseDriftBoundPpm=300000',
      'faults.kinds.drift.magnitudeMax=300000',
      'faults.kinds.drift.eventsMax=8',
      'faults.kinds.isolate.eventsMax=5',
      'replication.electionMicrosMin=300000',
      'replication.electionMicrosMax=330000',
      'replication.readPerMille=900',
      'replication.streamCount=1',
      'replication.thinkMicrosMax=5000',
      ...(random.chance(1, 2) ? focused(leaseFocusOff) : []),
    ];
  }
  return [
    'replication.leases=false',
    `replication.readPerMille=${random.pick([300, 600])}`,
    `replication.streamCount=${random.pick([3, 6])}`,
    `faults.kinds.targetedPrimary.eventsMax=${random.pick([20, 40])}`,
    ...(random.chance(1, 2) ? focused(stormFocusOff) : []),
  ];
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

// Configuration of the replication models: which design runs, its timeouts (all read on each node's
// own clock), the lease settings and the planted bugs. Plain data, so `--set replication.x=y` reaches it.
import type { Micros } from '../../sim/time.js';

export const designs = ['async', 'naive-quorum', 'quorum'] as const;
export type Design = (typeof designs)[number];

export interface ReplicationConfig {
  design: Design;
  nodeCount: number;
  clientCount: number;
  /** Streams the clients append to and read (s1..sN). */
  streamCount: number;
  /** Leader (quorum) heartbeat and log-shipping period; async/naive ship on the same interval. */
  heartbeatMicros: Micros;
  /** Election timeout is drawn per round from [min, max]; followers refuse votes within `min` of hearing a leader. */
  electionMicrosMin: Micros;
  electionMicrosMax: Micros;
  /** Entries per AppendEntries / ship message. */
  batchEntriesMax: number;
  /** Primary leases for local reads (quorum only). */
  leases: boolean;
  /** The drift bound (parts per million) leases are computed for; drift beyond it breaks them. */
  leaseDriftBoundPpm: number;
  /** Client: per-attempt timeout, whole-operation deadline (then `info`), think time between operations. */
  requestTimeoutMicros: Micros;
  operationDeadlineMicros: Micros;
  thinkMicrosMax: Micros;
  /** Per mille of operations that are reads; per mille of appends that name an exact expected version. */
  readPerMille: number;
  expectedVersionPerMille: number;
  /** Clients stop invoking new operations here, so the quiet period can converge. */
  workloadEndMicros: Micros;
  /** Liveness: after the final heal, some append must succeed within this bound. */
  livenessBoundMicros: Micros;
}

export const replicationDefaults: ReplicationConfig = {
  design: 'quorum',
  nodeCount: 3,
  clientCount: 3,
  streamCount: 6,
  heartbeatMicros: 30_000,
  electionMicrosMin: 150_000,
  electionMicrosMax: 300_000,
  batchEntriesMax: 32,
  leases: false,
  leaseDriftBoundPpm: 50_000,
  requestTimeoutMicros: 60_000,
  operationDeadlineMicros: 600_000,
  thinkMicrosMax: 20_000,
  readPerMille: 300,
  expectedVersionPerMille: 300,
  workloadEndMicros: 8_500_000,
  livenessBoundMicros: 2_000_000,
};

/** Planted bugs: each is off by default and each must be caught by a property (see the tests). */
export const replicationBugs = {
  'vote-twice-per-term': 'quorum: a node grants a vote to any up-to-date candidate, even after voting for another in the same term',
  'ack-before-majority': 'quorum: the primary acknowledges an append once it is durable locally, before a majority holds it',
  'no-truncate-divergent-suffix': 'quorum: a follower keeps its own conflicting entries instead of truncating them on rejoin',
  'commit-previous-term-entry':
    'quorum: a new primary commits entries of earlier terms by counting replicas (Raft figure 8), and serves without first committing an entry of its own term',
  'lease-ignores-drift': 'quorum: the primary lease lasts the full minimum election timeout, with no margin for clock drift',
} as const;

export type ReplicationBug = keyof typeof replicationBugs;

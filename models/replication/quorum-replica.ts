// What every part of a `quorum` replica shares: who it is, its peers and majority, its durable log,
// the planted bugs, and the ordering of metadata writes (term and vote) against the replies that depend
// on them. The protocol's state lives with the part that owns it:
// - `election.ts`: role, known primary, election and leader-contact timers, votes gathered;
// - `log-replication.ts` (primary side) and `append-entries.ts` (follower side): commit index, per-peer
//   next/match indexes and heartbeat rounds, readiness of a new primary, repairs;
// - `serving.ts`: clients' waiting appends and reads, the stream index, leases.
// The parts call each other through this object; every call happens in the order the protocol needs it,
// on one simulated thread, so no part ever sees another half-updated.
import { assert } from '../../sim/assert.js';
import type { NodeContext } from '../../sim/node.js';
import type { ReplicationConfig } from './config.js';
import type { Election } from './election.js';
import type { LogReplication } from './log-replication.js';
import type { ClientReply, ReplicationMessage } from './messages.js';
import type { ReplicationObserver } from './observer.js';
import { ReplicaLog } from './replica-log.js';
import type { ClientServing } from './serving.js';

/** The planted bugs that change the quorum design (see config.ts). */
export interface QuorumBugs {
  voteTwice: boolean;
  ackEarly: boolean;
  noTruncate: boolean;
  oldTermCommit: boolean;
}

export function quorumBugs(bugs: ReadonlySet<string>): QuorumBugs {
  return {
    voteTwice: bugs.has('vote-twice-per-term'),
    ackEarly: bugs.has('ack-before-majority'),
    noTruncate: bugs.has('no-truncate-divergent-suffix'),
    oldTermCommit: bugs.has('commit-previous-term-entry'),
  };
}

export class QuorumReplica {
  readonly self: string;
  readonly peers: string[];
  readonly majority: number;
  readonly log: ReplicaLog;
  /** The parts, wired once by quorumServer before the replica handles anything. */
  election!: Election;
  replication!: LogReplication;
  serving!: ClientServing;
  /** The metadata sequence the latest saveMeta will make durable; replies that depend on it wait for it. */
  private pendingMetaSequence: number;
  private metaWaiters: { needed: number; action: () => void }[] = [];

  constructor(
    readonly context: NodeContext<ReplicationMessage>,
    readonly config: ReplicationConfig,
    readonly bugs: QuorumBugs,
    readonly observer: ReplicationObserver,
    readonly leaseDuration: number,
  ) {
    this.self = context.id;
    this.peers = context.nodes.filter((node) => node !== this.self);
    this.majority = Math.floor(context.nodes.length / 2) + 1;
    assert(this.majority > this.peers.length / 2, 'a majority outnumbers the rest');
    this.log = new ReplicaLog(context.disk);
    this.pendingMetaSequence = this.log.metaDurableSequence;
  }

  term(): number {
    return this.log.meta.term;
  }

  /** Runs `action` once the metadata saved so far is durable. */
  afterMeta(action: () => void): void {
    const needed = this.pendingMetaSequence;
    assert(needed >= 0, 'metadata sequences start at 0');
    if (this.log.metaDurableSequence >= needed) action();
    else this.metaWaiters.push({ needed, action });
  }

  saveMeta(newTerm: number, votedFor: string): void {
    // Terms only grow; a vote is only ever cast in the current term.
    assert(newTerm >= this.term(), `${this.self}: term ${newTerm} below ${this.term()}`);
    const log = this.log;
    this.pendingMetaSequence = log.saveMeta({ term: newTerm, votedFor }, () => {
      const due = this.metaWaiters.filter((each) => each.needed <= log.metaDurableSequence);
      this.metaWaiters = this.metaWaiters.filter((each) => each.needed > log.metaDurableSequence);
      for (const each of due) each.action();
    });
    assert(log.meta.term === newTerm, 'saveMeta updates the in-memory metadata at once');
  }

  reply(client: string, message: ClientReply): void {
    this.context.send(client, message);
  }
}

// The `quorum` design: a Raft-family protocol over the durable replica log.
//
// - Terms; at most one vote per term, persisted (fsynced) before it is sent; a vote only for a candidate
//   whose log is at least as up to date (last term, then length).
// - A follower refuses votes (and ignores the higher term) within `electionMicrosMin` of hearing from the
//   current primary: this keeps a partitioned node from deposing a healthy primary and makes leases safe.
// - An append is acknowledged only once a majority holds it durably (the primary counts itself after
//   its own fsync, followers reply after theirs) and only entries of the primary's own term are committed
//   by counting; a new primary first commits a no-op of its own term and only then serves.
// - Divergent uncommitted suffixes are truncated when a follower rejoins; lagging, restarted and damaged
//   replicas are caught up. A replica whose disk holds a hole (a corrupted or misplaced slot) repairs it
//   from the primary and never serves it; a primary with a hole fetches the entry (same index and term)
//   from a peer and serves nothing until its log is whole.
// - Fencing: every primary action carries its term; a deposed primary cannot gather a majority, so it
//   can never acknowledge. A primary that loses contact with a majority steps down (check-quorum).
// - Reads: by default a read-index round (a heartbeat round acknowledged by a majority) proves the
//   primary still leads. With leases on, a primary serves reads locally while its lease lasts; the lease
//   is measured with timers (the node's clock *rate*, so clock steps do not matter) and shortened by the
//   configured drift bound. Drift beyond the bound breaks it, and the checkers see a stale read.
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import { onAppendEntries } from './append-entries.js';
import type { ReplicationConfig } from './config.js';
import { Election } from './election.js';
import { LogReplication } from './log-replication.js';
import type { ReplicationMessage } from './messages.js';
import type { ReplicaInspect, ReplicaState, ReplicationObserver } from './observer.js';
import { QuorumReplica, quorumBugs } from './quorum-replica.js';
import { ClientServing } from './serving.js';

export type QuorumNode = NodeBehaviour<ReplicationMessage> & ReplicaInspect;

export function leaseMicros(config: ReplicationConfig, bugs: ReadonlySet<string>): number {
  if (bugs.has('lease-ignores-drift')) return config.electionMicrosMin;
  // The primary's lease runs on its clock from when it *sent* the round; a follower's vote refusal runs
  // on its own clock from when it *received* it. Slow primary, fast follower: D/(1-ρ) <= E/(1+ρ).
  const rho = config.leaseDriftBoundPpm;
  return Math.floor((config.electionMicrosMin * (1_000_000 - rho)) / (1_000_000 + rho)) - config.heartbeatMicros / 10;
}

/** One replica of the quorum design, built from its disk alone: the parts are wired, then its election timer armed. */
export function quorumServer(config: ReplicationConfig, bugs: ReadonlySet<string>, observer: ReplicationObserver) {
  const flags = quorumBugs(bugs);
  const leaseDuration = leaseMicros(config, bugs);

  return (context: NodeContext<ReplicationMessage>): QuorumNode => {
    const replica = new QuorumReplica(context, config, flags, observer, leaseDuration);
    const { log, self } = replica;
    observer.recovered(self, log.report);
    if (log.report.tailSlotsCut > 0) context.cover('torn-tail-cut');
    const election = (replica.election = new Election(replica));
    const replication = (replica.replication = new LogReplication(replica));
    const serving = (replica.serving = new ClientServing(replica));
    election.armElectionTimer();

    return {
      onMessage(source, message) {
        switch (message.type) {
          case 'append':
          case 'read':
            serving.onClientRequest(source, message);
            return;
          case 'requestVote':
            election.onRequestVote(source, message);
            return;
          case 'vote':
            election.onVote(source, message);
            return;
          case 'appendEntries':
            onAppendEntries(replica, source, message);
            return;
          case 'appendReply':
            replication.onAppendReply(source, message);
            return;
          case 'repairRequest': {
            const entry = log.entry(message.index);
            if (entry !== null && entry.term === message.entryTerm) context.send(source, { type: 'repairReply', entry });
            return;
          }
          case 'repairReply':
            replication.onRepairReply(message.entry);
            return;
          default:
            return;
        }
      },
      inspect(): ReplicaState {
        return { role: election.role, term: replica.term(), log: log.entries, committedLength: replication.commitIndex };
      },
      observe() {
        const role = election.role;
        return {
          role: role === 'leader' ? 'primary' : role,
          term: replica.term(),
          logLength: log.length,
          commitLength: replication.commitIndex,
          busy: serving.appendWaiterCount > 0 || serving.readWaiters.length > 0,
        };
      },
    };
  };
}

// Election: terms, one durable vote per term, candidacy, and the timers that start elections and refuse
// votes while a primary is fresh.
//
// State owned here: the role, the primary this replica follows, the election timer, whether it has
// heard from the primary within `electionMicrosMin` (stickiness), and the votes a candidate gathered.
// The term and the vote themselves live in the replica log's metadata, saved before they are acted on.
import { assert } from '../../sim/assert.js';
import type { TimerHandle } from '../../sim/node.js';
import type { QuorumMessage } from './messages.js';
import type { QuorumReplica } from './quorum-replica.js';

export type Role = 'follower' | 'candidate' | 'leader';

export interface VoteRequest {
  candidate: string;
  lastIndex: number;
  lastTerm: number;
}

export interface Voter {
  role: Role;
  /** The vote already cast in the current term ('' for none). */
  votedFor: string;
  lastIndex: number;
  lastTerm: number;
}

/**
 * Whether a replica grants a vote in its current term (the request's term already equals it): the
 * candidate's log is at least as up to date (last term, then length), the replica has not voted for
 * anyone else in this term, and it is not itself the primary.
 */
export function grantsVote(voter: Voter, request: VoteRequest, voteTwice: boolean): boolean {
  assert(voter.lastIndex >= 0, 'a log length is never negative');
  assert(request.lastIndex >= 0, 'a candidate log length is never negative');
  const upToDate = request.lastTerm > voter.lastTerm || (request.lastTerm === voter.lastTerm && request.lastIndex >= voter.lastIndex);
  const free = voter.votedFor === '' || voter.votedFor === request.candidate || voteTwice;
  return upToDate && free && voter.role !== 'leader';
}

export class Election {
  role: Role = 'follower';
  leaderId: string | null = null;
  private electionTimer: TimerHandle | null = null;
  /** True within electionMicrosMin of the latest AppendEntries from the current primary. */
  heardLeader = false;
  private heardLeaderTimer: TimerHandle | null = null;
  readonly votes = new Set<string>();

  constructor(private readonly replica: QuorumReplica) {}

  // Precise timers: a contact cancels and re-arms them. (Lazy re-arming is cheaper, but it stretches
  // both the election timeout and the vote refusal up to twice their length, which slows failover
  // and hides exactly the lease races the clock-skew scenario exists to find.)
  armElectionTimer(): void {
    const { context, config } = this.replica;
    const delay = context.random.intInclusive(config.electionMicrosMin, config.electionMicrosMax);
    assert(delay >= config.electionMicrosMin, 'election timeout below its minimum');
    this.electionTimer = context.setTimer(delay, 'election-timeout', () => this.onElectionTimeout());
  }

  resetElectionTimer(): void {
    if (this.electionTimer !== null) this.replica.context.cancelTimer(this.electionTimer);
    this.armElectionTimer();
    assert(this.electionTimer !== null, 'an election timer is always armed');
  }

  noteLeaderContact(): void {
    const { context, config } = this.replica;
    assert(this.role === 'follower', 'only a follower hears from a primary');
    this.heardLeader = true;
    if (this.heardLeaderTimer !== null) context.cancelTimer(this.heardLeaderTimer);
    this.heardLeaderTimer = context.setTimer(config.electionMicrosMin, 'leader-contact-expired', () => {
      this.heardLeader = false;
      this.heardLeaderTimer = null;
    });
  }

  becomeFollower(newTerm: number): void {
    const replica = this.replica;
    assert(newTerm >= replica.term(), `${replica.self}: stepping back to term ${newTerm}`);
    if (newTerm > replica.term()) replica.saveMeta(newTerm, '');
    if (this.role === 'leader') replica.replication.stepDown(newTerm);
    if (this.role !== 'follower') this.resetElectionTimer();
    this.role = 'follower';
    assert(replica.term() === newTerm, 'a follower is in the term it stepped into');
  }

  private onElectionTimeout(): void {
    const replica = this.replica;
    const log = replica.log;
    this.armElectionTimer();
    if (this.role === 'leader') return;
    // Not before recovery's cut is durable: a primary appends without waiting, and must not write past it.
    if (!log.truncationDurable) return;
    // A replica with holes may campaign: its last entry is intact, so the up-to-date check holds. If it
    // wins it repairs its holes from peers before it serves (see requestRepairs).
    this.role = 'candidate';
    this.leaderId = null;
    const campaignTerm = replica.term() + 1;
    replica.saveMeta(campaignTerm, replica.self);
    assert(log.meta.votedFor === replica.self, 'a candidate votes for itself');
    this.votes.clear();
    replica.afterMeta(() => {
      if (this.role !== 'candidate' || replica.term() !== campaignTerm) return;
      this.votes.add(replica.self);
      if (this.votes.size >= replica.majority) {
        this.becomeLeader();
        return;
      }
      const message: QuorumMessage = { type: 'requestVote', term: campaignTerm, candidate: replica.self, lastIndex: log.length, lastTerm: log.lastTerm };
      for (const peer of replica.peers) replica.context.send(peer, message);
    });
  }

  onRequestVote(source: string, message: Extract<QuorumMessage, { type: 'requestVote' }>): void {
    const replica = this.replica;
    const log = replica.log;
    if (message.term > replica.term()) {
      // Stickiness: a healthy primary is not deposed by a node that merely lost contact with it.
      if (this.heardLeader && this.leaderId !== null && this.leaderId !== message.candidate) return;
      this.becomeFollower(message.term);
      this.leaderId = null;
    }
    if (message.term < replica.term()) {
      replica.context.send(source, { type: 'vote', term: replica.term(), granted: false });
      return;
    }
    assert(message.term === replica.term(), 'a vote request is answered in its own term');
    const granted = grantsVote({ role: this.role, votedFor: log.meta.votedFor, lastIndex: log.length, lastTerm: log.lastTerm }, message, replica.bugs.voteTwice);
    if (granted) {
      // One vote per term: granting again is only ever a repeat of the same vote.
      if (!replica.bugs.voteTwice) assert(log.meta.votedFor === '' || log.meta.votedFor === message.candidate, `${replica.self}: a second vote in term ${message.term}`);
      if (log.meta.votedFor !== message.candidate) replica.saveMeta(replica.term(), message.candidate);
      assert(log.meta.votedFor === message.candidate, 'a granted vote is recorded before it is sent');
      this.resetElectionTimer();
    }
    const votedTerm = replica.term();
    replica.afterMeta(() => {
      if (replica.term() === votedTerm) replica.context.send(source, { type: 'vote', term: votedTerm, granted });
    });
  }

  onVote(source: string, message: Extract<QuorumMessage, { type: 'vote' }>): void {
    const replica = this.replica;
    if (message.term > replica.term()) {
      this.becomeFollower(message.term);
      return;
    }
    if (this.role !== 'candidate' || message.term !== replica.term() || !message.granted) return;
    this.votes.add(source);
    assert(this.votes.size <= replica.peers.length + 1, 'more votes than replicas');
    if (this.votes.size >= replica.majority) this.becomeLeader();
  }

  private becomeLeader(): void {
    const replica = this.replica;
    assert(this.role === 'candidate', `${replica.self}: only a candidate wins an election`);
    assert(this.votes.size >= replica.majority, `${replica.self}: won term ${replica.term()} without a majority`);
    this.role = 'leader';
    this.leaderId = replica.self;
    replica.replication.lead();
  }
}

// Log replication, primary side: AppendEntries and heartbeat rounds, per-peer next/match indexes, the
// commit rule, readiness of a new primary (its no-op committed), repair of its own holes from peers, and
// check-quorum. The follower side is `append-entries.ts`.
//
// State owned here: the commit index (every replica has one; a follower's advances from the primary's),
// and for a primary: `ready`, the heartbeat round, nextIndex / matchIndex / the latest round each peer
// answered, which peers have entries in flight and which answered since the last check-quorum.
import { assert } from '../../sim/assert.js';
import type { TimerHandle } from '../../sim/node.js';
import type { LogEntry } from './entry.js';
import type { QuorumMessage } from './messages.js';
import type { QuorumReplica } from './quorum-replica.js';

/**
 * The highest index a majority holds durably (this primary counted by its own fsynced prefix), never
 * past this primary's first hole: what the commit index may advance to, if its term allows (mayCommit).
 */
export function majorityMatch(durableIndex: number, peerMatches: readonly number[], majority: number, firstHole: number): number {
  assert(majority >= 1, 'a majority counts at least one replica');
  assert(majority <= peerMatches.length + 1, 'a majority is no larger than the cluster');
  const matches = [durableIndex, ...peerMatches].sort((a, b) => b - a);
  const counted = matches[majority - 1] as number;
  return firstHole === 0 ? counted : Math.min(counted, firstHole - 1);
}

/**
 * The commit rule: an index past the commit point is committed by counting replicas only when it holds
 * an entry of the primary's own term (Raft §5.4.2; figure 8). Earlier entries commit with it.
 */
export function mayCommit(candidate: number, commitIndex: number, candidateTerm: number, currentTerm: number, oldTermCommit: boolean): boolean {
  assert(commitIndex >= 0, 'a commit index is never negative');
  assert(candidate >= 0, 'a majority match is never negative');
  if (candidate <= commitIndex) return false;
  return candidateTerm === currentTerm || oldTermCommit;
}

export class LogReplication {
  commitIndex = 0;
  /** A primary serves once an entry of its own term is committed (its no-op). */
  ready = false;
  private readyIndex = 0;
  round = 0;
  private readonly nextIndex = new Map<string, number>();
  private readonly matchIndex = new Map<string, number>();
  private readonly peerRound = new Map<string, number>();
  private readonly inflight = new Set<string>();
  private readonly contacted = new Set<string>();
  private heartbeatTimer: TimerHandle | null = null;
  private checkQuorumTimer: TimerHandle | null = null;

  constructor(private readonly replica: QuorumReplica) {}

  private get isLeader(): boolean {
    return this.replica.election.role === 'leader';
  }

  /** Takes up the primary's duties once the election has made this replica primary. */
  lead(): void {
    const { context, config, log, observer, self, peers, bugs } = this.replica;
    assert(this.isLeader, `${self}: lead() without winning`);
    this.ready = false;
    observer.becamePrimary(self, this.replica.term());
    context.log(`${self} becomes primary for term ${this.replica.term()}`);
    // Entries past the commit point from earlier terms: other replicas may hold something else there.
    if (log.length > this.commitIndex && log.lastTerm < this.replica.term()) context.cover('election-with-divergent-log');
    for (const peer of peers) {
      this.nextIndex.set(peer, log.length + 1);
      this.matchIndex.set(peer, 0);
      this.peerRound.set(peer, 0);
    }
    this.inflight.clear();
    this.contacted.clear();
    this.replica.serving.resetLease(this.round);
    if (log.holeCount === 0) this.replica.serving.rebuildIndexes();
    else this.requestRepairs();
    // The planted figure-8 bug skips the no-op: the primary is ready once it has "committed" (by
    // counting replicas) everything its log held when it won.
    this.readyIndex = log.length;
    if (bugs.oldTermCommit) this.ready = this.commitIndex >= this.readyIndex;
    else this.appendLocal({ index: log.length + 1, term: this.replica.term(), previousTerm: log.lastTerm, kind: 'noop', stream: '', eventId: '', version: 0, client: '' });
    this.heartbeat();
    this.heartbeatTimer = context.setTimer(config.heartbeatMicros, 'heartbeat', () => this.onHeartbeatTimer());
    this.checkQuorumTimer = context.setTimer(config.electionMicrosMax, 'check-quorum', () => this.onCheckQuorum());
  }

  /** Gives up the primary's duties (the election has seen a higher term or lost the majority). */
  stepDown(newTerm: number): void {
    const { context, self } = this.replica;
    assert(this.isLeader, `${self}: stepping down without leading`);
    this.replica.serving.dropClientWaiters();
    if (this.heartbeatTimer !== null) context.cancelTimer(this.heartbeatTimer);
    if (this.checkQuorumTimer !== null) context.cancelTimer(this.checkQuorumTimer);
    this.heartbeatTimer = null;
    this.checkQuorumTimer = null;
    this.ready = false;
    context.log(`${self} steps down in term ${newTerm}`);
  }

  /** Asks every peer for the entries behind this primary's holes whose term it knows. */
  private requestRepairs(): void {
    const { context, log, peers } = this.replica;
    assert(this.isLeader, 'only a primary repairs from its peers');
    assert(log.holeCount > 0, 'repairs requested for a whole log');
    for (let index = 1; index <= log.length; index++) {
      if (log.entry(index) !== null) continue;
      const entryTerm = log.termAt(index);
      if (entryTerm < 0) continue;
      for (const peer of peers) context.send(peer, { type: 'repairRequest', index, entryTerm });
    }
  }

  onRepairReply(entry: LogEntry): void {
    const { context, log, self } = this.replica;
    if (!this.isLeader || log.entry(entry.index) !== null || entry.index > log.length) return;
    if (log.termAt(entry.index) !== entry.term) return;
    log.fill(entry);
    assert(log.entry(entry.index) === entry, 'a repaired slot holds the entry sent for it');
    log.sync(() => undefined);
    if (log.holeCount > 0) {
      this.requestRepairs();
      return;
    }
    context.log(`${self} repaired its log as primary of term ${this.replica.term()}`);
    this.replica.serving.rebuildIndexes();
    this.advanceCommit();
  }

  private onHeartbeatTimer(): void {
    if (!this.isLeader) return;
    if (this.replica.log.holeCount > 0) this.requestRepairs();
    this.heartbeat();
    this.heartbeatTimer = this.replica.context.setTimer(this.replica.config.heartbeatMicros, 'heartbeat', () => this.onHeartbeatTimer());
  }

  private onCheckQuorum(): void {
    const replica = this.replica;
    if (!this.isLeader) return;
    assert(this.contacted.size <= replica.peers.length, 'contacted more peers than exist');
    const reached = this.contacted.size + 1;
    this.contacted.clear();
    if (reached < replica.majority) {
      replica.election.becomeFollower(replica.term());
      replica.election.leaderId = null;
      return;
    }
    this.checkQuorumTimer = replica.context.setTimer(replica.config.electionMicrosMax, 'check-quorum', () => this.onCheckQuorum());
  }

  /** Starts a heartbeat round: AppendEntries to every peer, each answer naming the round. */
  heartbeat(): void {
    const { context, config, peers } = this.replica;
    assert(this.isLeader, 'only a primary sends heartbeats');
    this.round++;
    const sentRound = this.round;
    if (config.leases) {
      context.setTimer(this.replica.leaseDuration, 'lease-expiry', () => this.replica.serving.leaseExpired(sentRound));
    }
    for (const peer of peers) this.sendAppendEntries(peer);
  }

  private sendAppendEntries(peer: string): void {
    const { context, config, log, self } = this.replica;
    const next = this.nextIndex.get(peer) ?? log.length + 1;
    assert(next >= 1, `${self}: nextIndex ${next} for ${peer}`);
    assert(next <= log.length + 1, `${self}: nextIndex ${next} for ${peer} past its log (${log.length})`);
    const prevIndex = next - 1;
    const last = Math.min(log.length, prevIndex + config.batchEntriesMax);
    const entries: LogEntry[] = [];
    for (let index = next; index <= last; index++) {
      const entry = log.entry(index);
      if (entry === null) break; // a hole this primary is still repairing
      entries.push(entry);
    }
    if (entries.length > 0) this.inflight.add(peer);
    context.send(peer, { type: 'appendEntries', term: this.replica.term(), leader: self, prevIndex, prevTerm: log.termAt(prevIndex), entries, commit: this.commitIndex, round: this.round });
  }

  /** Appends an entry of this primary's term to its own log and sends it to every idle peer. */
  appendLocal(entry: LogEntry): void {
    const { log, peers } = this.replica;
    assert(this.isLeader, 'only a primary appends');
    assert(entry.term === this.replica.term(), `a primary appends only in its own term (${entry.term} in ${this.replica.term()})`);
    log.append(entry);
    const written = entry.index;
    log.sync(() => {
      if (!this.isLeader) return;
      if (this.replica.bugs.ackEarly) this.replica.serving.acknowledgeUpTo(Math.min(written, log.durableIndex), false);
      this.advanceCommit();
    });
    for (const peer of peers) if (!this.inflight.has(peer)) this.sendAppendEntries(peer);
  }

  private advanceCommit(): void {
    const { log, peers, majority, bugs } = this.replica;
    assert(this.isLeader, 'only a primary commits by counting');
    const candidate = majorityMatch(log.durableIndex, peers.map((peer) => this.matchIndex.get(peer) ?? 0), majority, log.firstHole());
    if (!mayCommit(candidate, this.commitIndex, log.termAt(candidate), this.replica.term(), bugs.oldTermCommit)) return;
    this.commitTo(candidate);
    if (!bugs.oldTermCommit) assert(log.termAt(this.commitIndex) === this.replica.term(), 'a primary commits by counting only in its own term');
    if (log.termAt(this.commitIndex) === this.replica.term() || (bugs.oldTermCommit && this.commitIndex >= this.readyIndex)) this.ready = true;
    this.replica.serving.acknowledgeUpTo(this.commitIndex, true);
    this.replica.serving.serveReads();
  }

  /** Advances the commit index to `index` (capped at the log's length); it never moves back. */
  commitTo(index: number): void {
    const { log, observer, self } = this.replica;
    const before = this.commitIndex;
    const target = Math.min(index, log.length);
    for (let next = this.commitIndex + 1; next <= target; next++) {
      const entry = log.entry(next);
      assert(entry !== null, `${self}: committing hole ${next}`);
      observer.committed(self, entry);
    }
    if (target > this.commitIndex) this.commitIndex = target;
    assert(this.commitIndex >= before, `${self}: commit index moved back`);
    if (this.commitIndex > before) assert(this.commitIndex <= log.length, `${self}: commit index ${this.commitIndex} past its log (${log.length})`);
  }

  /** The highest heartbeat round a majority (this node included) has answered in this term. */
  confirmedRound(): number {
    const rounds = [this.round, ...this.replica.peers.map((peer) => this.peerRound.get(peer) ?? 0)].sort((a, b) => b - a);
    const confirmed = rounds[this.replica.majority - 1] as number;
    assert(confirmed <= this.round, 'a round confirmed before it was sent');
    return confirmed;
  }

  onAppendReply(source: string, message: Extract<QuorumMessage, { type: 'appendReply' }>): void {
    const replica = this.replica;
    const log = replica.log;
    if (message.term > replica.term()) {
      replica.election.becomeFollower(message.term);
      replica.election.leaderId = null;
      return;
    }
    if (!this.isLeader || message.term !== replica.term()) return;
    this.contacted.add(source);
    this.inflight.delete(source);
    if (message.round > (this.peerRound.get(source) ?? 0)) {
      assert(message.round <= this.round, `${source} answered round ${message.round} before it was sent`);
      this.peerRound.set(source, message.round);
      replica.serving.roundConfirmed(this.confirmedRound());
      replica.serving.serveReads();
    }
    const match = this.matchIndex.get(source) ?? 0;
    if (message.success) {
      // A primary's log only grows in its term, and a follower matches only what it was sent.
      assert(message.matchIndex <= log.length, `${source} matched ${message.matchIndex} past the primary's log (${log.length})`);
      if (message.matchIndex > match) this.matchIndex.set(source, message.matchIndex);
      const next = Math.max(this.nextIndex.get(source) ?? 1, (this.matchIndex.get(source) ?? 0) + 1);
      this.nextIndex.set(source, next);
      this.advanceCommit();
      if (next <= log.length) this.sendAppendEntries(source);
      return;
    }
    // 0 is a rejection for an older term whose reply arrives once this primary has reached the term the
    // follower had then (swarm seed 455): it says nothing of the log, and resending from the start is safe.
    assert(message.conflictIndex >= 0, `${source} reported conflict index ${message.conflictIndex}`);
    if (message.conflictIndex <= match) {
      // The follower lost entries it once held (a hole, a lost tail): it no longer counts for them.
      this.matchIndex.set(source, message.conflictIndex - 1);
      this.nextIndex.set(source, Math.max(1, message.conflictIndex));
    } else {
      this.nextIndex.set(source, Math.max(1, Math.min((this.nextIndex.get(source) ?? 1) - 1, message.conflictIndex)));
    }
    this.sendAppendEntries(source);
  }
}

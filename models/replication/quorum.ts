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
import { assert } from '../../sim/assert.js';
import type { NodeBehaviour, NodeContext, TimerHandle } from '../../sim/node.js';
import type { ReplicationConfig } from './config.js';
import type { LogEntry } from './entry.js';
import type { ClientReply, ClientRequest, QuorumMessage, ReplicationMessage } from './messages.js';
import type { ReplicaInspect, ReplicaState, ReplicationObserver } from './observer.js';
import { ReplicaLog } from './replica-log.js';

type Role = 'follower' | 'candidate' | 'leader';

interface AppendWaiter {
  client: string;
  opId: number;
  attempt: number;
}

interface ReadWaiter {
  client: string;
  request: Extract<ClientRequest, { type: 'read' }>;
  round: number;
}

/** Bounds: a primary keeps at most this many clients' reads and appends waiting. */
const readWaitersMax = 1_000;
const appendWaitersMax = 10_000;

export type QuorumNode = NodeBehaviour<ReplicationMessage> & ReplicaInspect;

export function leaseMicros(config: ReplicationConfig, bugs: ReadonlySet<string>): number {
  if (bugs.has('lease-ignores-drift')) return config.electionMicrosMin;
  // The primary's lease runs on its clock from when it *sent* the round; a follower's vote refusal runs
  // on its own clock from when it *received* it. Slow primary, fast follower: D/(1-ρ) <= E/(1+ρ).
  const rho = config.leaseDriftBoundPpm;
  return Math.floor((config.electionMicrosMin * (1_000_000 - rho)) / (1_000_000 + rho)) - config.heartbeatMicros / 10;
}

export function quorumServer(config: ReplicationConfig, bugs: ReadonlySet<string>, observer: ReplicationObserver) {
  const bugVoteTwice = bugs.has('vote-twice-per-term');
  const bugAckEarly = bugs.has('ack-before-majority');
  const bugNoTruncate = bugs.has('no-truncate-divergent-suffix');
  const bugOldTermCommit = bugs.has('commit-previous-term-entry');
  const leaseDuration = leaseMicros(config, bugs);

  return (context: NodeContext<ReplicationMessage>): QuorumNode => {
    const self = context.id;
    const peers = context.nodes.filter((node) => node !== self);
    const majority = Math.floor(context.nodes.length / 2) + 1;
    const log = new ReplicaLog(context.disk);
    observer.recovered(self, log.report);
    if (log.report.tailSlotsCut > 0) context.cover('torn-tail-cut');

    let role: Role = 'follower';
    let leaderId: string | null = null;
    let commitIndex = 0;
    let electionTimer: TimerHandle | null = null;
    let heardLeader = false;
    let heardLeaderTimer: TimerHandle | null = null;
    const votes = new Set<string>();

    // Primary state.
    let ready = false;
    let readyIndex = 0;
    let round = 0;
    const nextIndex = new Map<string, number>();
    const matchIndex = new Map<string, number>();
    const peerRound = new Map<string, number>();
    const inflight = new Set<string>();
    const contacted = new Set<string>();
    const appendWaiters = new Map<number, AppendWaiter[]>();
    let appendWaiterCount = 0;
    let readWaiters: ReadWaiter[] = [];
    const eventIndex = new Map<string, number>();
    const streams = new Map<string, { eventId: string; index: number }[]>();
    let leaseGrantedRound = 0;
    let leaseExpiredRound = 0;
    let heartbeatTimer: TimerHandle | null = null;
    let checkQuorumTimer: TimerHandle | null = null;

    const term = (): number => log.meta.term;

    // --- persistence helpers ---

    /** Runs `action` once the metadata saved so far is durable. */
    const afterMeta = (action: () => void): void => {
      const needed = pendingMetaSequence;
      if (log.metaDurableSequence >= needed) action();
      else metaWaiters.push({ needed, action });
    };
    let pendingMetaSequence = log.metaDurableSequence;
    let metaWaiters: { needed: number; action: () => void }[] = [];
    const saveMeta = (newTerm: number, votedFor: string): void => {
      pendingMetaSequence = log.saveMeta({ term: newTerm, votedFor }, () => {
        const due = metaWaiters.filter((each) => each.needed <= log.metaDurableSequence);
        metaWaiters = metaWaiters.filter((each) => each.needed > log.metaDurableSequence);
        for (const each of due) each.action();
      });
    };

    // --- timers ---

    // Precise timers: a contact cancels and re-arms them. (Lazy re-arming is cheaper, but it stretches
    // both the election timeout and the vote refusal up to twice their length, which slows failover
    // and hides exactly the lease races the clock-skew scenario exists to find.)
    const armElectionTimer = (): void => {
      const delay = context.random.intInclusive(config.electionMicrosMin, config.electionMicrosMax);
      electionTimer = context.setTimer(delay, 'election-timeout', onElectionTimeout);
    };
    const resetElectionTimer = (): void => {
      if (electionTimer !== null) context.cancelTimer(electionTimer);
      armElectionTimer();
    };

    const noteLeaderContact = (): void => {
      heardLeader = true;
      if (heardLeaderTimer !== null) context.cancelTimer(heardLeaderTimer);
      heardLeaderTimer = context.setTimer(config.electionMicrosMin, 'leader-contact-expired', () => {
        heardLeader = false;
        heardLeaderTimer = null;
      });
    };

    // --- roles ---

    const reply = (client: string, message: ClientReply): void => context.send(client, message);

    const dropClientWaiters = (): void => {
      for (const [, waiters] of appendWaiters) for (const waiter of waiters) reply(waiter.client, { type: 'redirect', opId: waiter.opId, attempt: waiter.attempt, leader: null });
      appendWaiters.clear();
      appendWaiterCount = 0;
      for (const waiter of readWaiters) reply(waiter.client, { type: 'redirect', opId: waiter.request.opId, attempt: waiter.request.attempt, leader: null });
      readWaiters = [];
    };

    const becomeFollower = (newTerm: number): void => {
      if (newTerm > term()) saveMeta(newTerm, '');
      if (role === 'leader') {
        dropClientWaiters();
        if (heartbeatTimer !== null) context.cancelTimer(heartbeatTimer);
        if (checkQuorumTimer !== null) context.cancelTimer(checkQuorumTimer);
        heartbeatTimer = null;
        checkQuorumTimer = null;
        ready = false;
        context.log(`${self} steps down in term ${newTerm}`);
      }
      if (role !== 'follower') resetElectionTimer();
      role = 'follower';
    };

    const onElectionTimeout = (): void => {
      armElectionTimer();
      if (role === 'leader') return;
      // Not before recovery's cut is durable: a primary appends without waiting, and must not write past it.
      if (!log.truncationDurable) return;
      // A replica with holes may campaign: its last entry is intact, so the up-to-date check holds. If it
      // wins it repairs its holes from peers before it serves (see requestRepairs).
      role = 'candidate';
      leaderId = null;
      const campaignTerm = term() + 1;
      saveMeta(campaignTerm, self);
      votes.clear();
      afterMeta(() => {
        if (role !== 'candidate' || term() !== campaignTerm) return;
        votes.add(self);
        if (votes.size >= majority) {
          becomeLeader();
          return;
        }
        const message: QuorumMessage = { type: 'requestVote', term: campaignTerm, candidate: self, lastIndex: log.length, lastTerm: log.lastTerm };
        for (const peer of peers) context.send(peer, message);
      });
    };

    const rebuildIndexes = (): void => {
      eventIndex.clear();
      streams.clear();
      for (const entry of log.entries) {
        assert(entry !== null, `${self}: a primary never holds a hole`);
        if (entry.kind !== 'append') continue;
        eventIndex.set(entry.eventId, entry.index);
        let stream = streams.get(entry.stream);
        if (stream === undefined) streams.set(entry.stream, (stream = []));
        stream.push({ eventId: entry.eventId, index: entry.index });
      }
    };

    const becomeLeader = (): void => {
      role = 'leader';
      leaderId = self;
      ready = false;
      observer.becamePrimary(self, term());
      context.log(`${self} becomes primary for term ${term()}`);
      // Entries past the commit point from earlier terms: other replicas may hold something else there.
      if (log.length > commitIndex && log.lastTerm < term()) context.cover('election-with-divergent-log');
      for (const peer of peers) {
        nextIndex.set(peer, log.length + 1);
        matchIndex.set(peer, 0);
        peerRound.set(peer, 0);
      }
      inflight.clear();
      contacted.clear();
      leaseGrantedRound = 0;
      leaseExpiredRound = round;
      if (log.holeCount === 0) rebuildIndexes();
      else requestRepairs();
      // The planted figure-8 bug skips the no-op: the primary is ready once it has "committed" (by
      // counting replicas) everything its log held when it won.
      readyIndex = log.length;
      if (bugOldTermCommit) ready = commitIndex >= readyIndex;
      else appendLocal({ index: log.length + 1, term: term(), previousTerm: log.lastTerm, kind: 'noop', stream: '', eventId: '', version: 0, client: '' });
      heartbeat();
      heartbeatTimer = context.setTimer(config.heartbeatMicros, 'heartbeat', onHeartbeatTimer);
      checkQuorumTimer = context.setTimer(config.electionMicrosMax, 'check-quorum', onCheckQuorum);
    };

    /** Asks every peer for the entries behind this primary's holes whose term it knows. */
    const requestRepairs = (): void => {
      for (let index = 1; index <= log.length; index++) {
        if (log.entry(index) !== null) continue;
        const entryTerm = log.termAt(index);
        if (entryTerm < 0) continue;
        for (const peer of peers) context.send(peer, { type: 'repairRequest', index, entryTerm });
      }
    };

    const onRepairReply = (entry: LogEntry): void => {
      if (role !== 'leader' || log.entry(entry.index) !== null || entry.index > log.length) return;
      if (log.termAt(entry.index) !== entry.term) return;
      log.fill(entry);
      log.sync(() => undefined);
      if (log.holeCount > 0) {
        requestRepairs();
        return;
      }
      context.log(`${self} repaired its log as primary of term ${term()}`);
      rebuildIndexes();
      advanceCommit();
    };

    const onHeartbeatTimer = (): void => {
      if (role !== 'leader') return;
      if (log.holeCount > 0) requestRepairs();
      heartbeat();
      heartbeatTimer = context.setTimer(config.heartbeatMicros, 'heartbeat', onHeartbeatTimer);
    };

    const onCheckQuorum = (): void => {
      if (role !== 'leader') return;
      const reached = contacted.size + 1;
      contacted.clear();
      if (reached < majority) {
        becomeFollower(term());
        leaderId = null;
        return;
      }
      checkQuorumTimer = context.setTimer(config.electionMicrosMax, 'check-quorum', onCheckQuorum);
    };

    // --- replication (primary side) ---

    const heartbeat = (): void => {
      round++;
      const sentRound = round;
      if (config.leases) {
        context.setTimer(leaseDuration, 'lease-expiry', () => {
          if (sentRound > leaseExpiredRound) leaseExpiredRound = sentRound;
        });
      }
      for (const peer of peers) sendAppendEntries(peer);
    };

    const sendAppendEntries = (peer: string): void => {
      const next = nextIndex.get(peer) ?? log.length + 1;
      const prevIndex = next - 1;
      const last = Math.min(log.length, prevIndex + config.batchEntriesMax);
      const entries: LogEntry[] = [];
      for (let index = next; index <= last; index++) {
        const entry = log.entry(index);
        if (entry === null) break; // a hole this primary is still repairing
        entries.push(entry);
      }
      if (entries.length > 0) inflight.add(peer);
      context.send(peer, { type: 'appendEntries', term: term(), leader: self, prevIndex, prevTerm: log.termAt(prevIndex), entries, commit: commitIndex, round });
    };

    const appendLocal = (entry: LogEntry): void => {
      log.append(entry);
      const written = entry.index;
      log.sync(() => {
        if (role !== 'leader') return;
        if (bugAckEarly) acknowledgeUpTo(Math.min(written, log.durableIndex), false);
        advanceCommit();
      });
      for (const peer of peers) if (!inflight.has(peer)) sendAppendEntries(peer);
    };

    const advanceCommit = (): void => {
      const matches = [log.durableIndex, ...peers.map((peer) => matchIndex.get(peer) ?? 0)].sort((a, b) => b - a);
      const hole = log.firstHole();
      const candidate = hole === 0 ? (matches[majority - 1] as number) : Math.min(matches[majority - 1] as number, hole - 1);
      if (candidate <= commitIndex) return;
      if (log.termAt(candidate) !== term() && !bugOldTermCommit) return;
      commitTo(candidate);
      if (log.termAt(commitIndex) === term() || (bugOldTermCommit && commitIndex >= readyIndex)) ready = true;
      acknowledgeUpTo(commitIndex, true);
      serveReads();
    };

    const commitTo = (index: number): void => {
      const target = Math.min(index, log.length);
      for (let next = commitIndex + 1; next <= target; next++) {
        const entry = log.entry(next);
        assert(entry !== null, `${self}: committing hole ${next}`);
        observer.committed(self, entry);
      }
      if (target > commitIndex) commitIndex = target;
    };

    const acknowledgeUpTo = (index: number, committed: boolean): void => {
      for (const [position, waiters] of [...appendWaiters]) {
        if (position > index) continue;
        const entry = log.entry(position) as LogEntry;
        for (const waiter of waiters) reply(waiter.client, { type: 'appendOk', opId: waiter.opId, attempt: waiter.attempt, version: entry.version, position });
        appendWaiterCount -= waiters.length;
        appendWaiters.delete(position);
      }
      assert(committed || bugAckEarly, 'acknowledging an uncommitted append');
    };

    /** The stream's event ids at log positions <= upTo (a stream's entries are in log order). */
    const readResult = (stream: string, upTo: number): string[] => {
      const entries = streams.get(stream);
      if (entries === undefined) return [];
      let low = 0;
      let high = entries.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((entries[middle] as { index: number }).index <= upTo) low = middle + 1;
        else high = middle;
      }
      const result = new Array<string>(low);
      for (let position = 0; position < low; position++) result[position] = (entries[position] as { eventId: string }).eventId;
      return result;
    };

    const leaseValid = (): boolean => config.leases && role === 'leader' && ready && leaseGrantedRound > leaseExpiredRound;

    const serveReads = (): void => {
      if (readWaiters.length === 0 || !ready) return;
      const confirmed = confirmedRound();
      const remaining: ReadWaiter[] = [];
      for (const waiter of readWaiters) {
        if (waiter.round <= confirmed) {
          reply(waiter.client, { type: 'readOk', opId: waiter.request.opId, attempt: waiter.request.attempt, events: readResult(waiter.request.stream, commitIndex) });
        } else remaining.push(waiter);
      }
      readWaiters = remaining;
      if (readWaiters.length > 0 && confirmed >= round) heartbeat();
    };

    /** The highest heartbeat round a majority (this node included) has answered in this term. */
    const confirmedRound = (): number => {
      const rounds = [round, ...peers.map((peer) => peerRound.get(peer) ?? 0)].sort((a, b) => b - a);
      return rounds[majority - 1] as number;
    };

    // --- client requests ---

    const onClientRequest = (client: string, request: ClientRequest): void => {
      const base = { opId: request.opId, attempt: request.attempt };
      if (role !== 'leader') {
        reply(client, { type: 'redirect', ...base, leader: leaderId === self ? null : leaderId });
        return;
      }
      if (!ready || log.holeCount > 0) {
        reply(client, { type: 'unavailable', ...base });
        return;
      }
      if (request.type === 'read') {
        if (config.leases && ready && leaseGrantedRound > 0 && !leaseValid()) context.cover('lease-expired-during-read');
        if (leaseValid()) {
          reply(client, { type: 'readOk', ...base, events: readResult(request.stream, commitIndex) });
          return;
        }
        if (readWaiters.length >= readWaitersMax) {
          reply(client, { type: 'unavailable', ...base });
          return;
        }
        // Read index: the read needs a heartbeat round started after it arrived. Reads that arrive while
        // such a round is in flight share the next one (started when that round is confirmed).
        readWaiters.push({ client, request, round: round + 1 });
        if (confirmedRound() >= round) heartbeat();
        return;
      }
      const existing = eventIndex.get(request.eventId);
      if (existing !== undefined) {
        context.cover('retry-deduplicated');
        const entry = log.entry(existing) as LogEntry;
        if (existing <= commitIndex) reply(client, { type: 'appendOk', ...base, version: entry.version, position: existing });
        else waitForCommit(existing, { client, ...base });
        return;
      }
      const stream = streams.get(request.stream) ?? [];
      const version = stream.length;
      if (request.expectedVersion >= 0 && request.expectedVersion !== version) {
        reply(client, { type: 'appendFail', ...base, actualVersion: version });
        return;
      }
      if (appendWaiterCount >= appendWaitersMax) {
        reply(client, { type: 'unavailable', ...base });
        return;
      }
      const index = log.length + 1;
      const entry: LogEntry = { index, term: term(), previousTerm: log.lastTerm, kind: 'append', stream: request.stream, eventId: request.eventId, version: version + 1, client };
      eventIndex.set(entry.eventId, index);
      if (!streams.has(request.stream)) streams.set(request.stream, stream);
      stream.push({ eventId: entry.eventId, index });
      waitForCommit(index, { client, ...base });
      appendLocal(entry);
    };

    const waitForCommit = (index: number, waiter: AppendWaiter): void => {
      let waiters = appendWaiters.get(index);
      if (waiters === undefined) appendWaiters.set(index, (waiters = []));
      waiters.push(waiter);
      appendWaiterCount++;
    };

    // --- protocol messages ---

    const onRequestVote = (source: string, message: Extract<QuorumMessage, { type: 'requestVote' }>): void => {
      if (message.term > term()) {
        // Stickiness: a healthy primary is not deposed by a node that merely lost contact with it.
        if (heardLeader && leaderId !== null && leaderId !== message.candidate) return;
        becomeFollower(message.term);
        leaderId = null;
      }
      if (message.term < term()) {
        context.send(source, { type: 'vote', term: term(), granted: false });
        return;
      }
      const upToDate = message.lastTerm > log.lastTerm || (message.lastTerm === log.lastTerm && message.lastIndex >= log.length);
      const free = log.meta.votedFor === '' || log.meta.votedFor === message.candidate || bugVoteTwice;
      const granted = upToDate && free && role !== 'leader';
      if (granted) {
        if (log.meta.votedFor !== message.candidate) saveMeta(term(), message.candidate);
        resetElectionTimer();
      }
      const votedTerm = term();
      afterMeta(() => {
        if (term() === votedTerm) context.send(source, { type: 'vote', term: votedTerm, granted });
      });
    };

    const onVote = (source: string, message: Extract<QuorumMessage, { type: 'vote' }>): void => {
      if (message.term > term()) {
        becomeFollower(message.term);
        return;
      }
      if (role !== 'candidate' || message.term !== term() || !message.granted) return;
      votes.add(source);
      if (votes.size >= majority) becomeLeader();
    };

    const onAppendEntries = (source: string, message: Extract<QuorumMessage, { type: 'appendEntries' }>): void => {
      if (message.term < term()) {
        context.send(source, { type: 'appendReply', term: term(), success: false, matchIndex: 0, conflictIndex: 0, round: message.round });
        return;
      }
      if (message.term > term() || role !== 'follower') becomeFollower(message.term);
      assert(role === 'follower', `${self}: a second primary in term ${message.term}`);
      leaderId = message.leader;
      resetElectionTimer();
      noteLeaderContact();
      const replyTerm = term();
      const fail = (conflictIndex: number): void =>
        afterMeta(() => context.send(source, { type: 'appendReply', term: replyTerm, success: false, matchIndex: 0, conflictIndex, round: message.round }));
      if (message.prevIndex > log.length) return fail(log.length + 1);
      const hole = log.firstHole();
      if (hole !== 0 && hole <= message.prevIndex) return fail(hole);
      const prevTerm = log.termAt(message.prevIndex);
      if (prevTerm !== message.prevTerm) {
        let first = message.prevIndex;
        while (first > 1 && log.termAt(first - 1) === prevTerm) first--;
        return fail(Math.max(first, commitIndex + 1));
      }
      // Entries are taken up to the first one that would be written past a cut not yet durable (a
      // truncate here, or recovery's): the reply then reports only what was taken, and the primary
      // sends the rest once the cut's fsync has completed (the reply waits for it).
      let taken = 0;
      for (const entry of message.entries) {
        const existing = log.entry(entry.index);
        if (entry.index > log.length) {
          if (!log.truncationDurable) break;
          log.append(entry);
          taken++;
          continue;
        }
        if (existing === null) {
          const known = log.termAt(entry.index);
          if (known === -1 || known === entry.term) {
            log.fill(entry);
            taken++;
            continue;
          }
          // The slot after the hole says the hole held another term: our suffix diverges from here.
          observer.removed(self, log.truncate(entry.index - 1), `divergent suffix truncated by primary ${source} (term ${message.term})`);
          context.cover('suffix-truncated');
          break;
        }
        if (existing.term === entry.term || bugNoTruncate) {
          taken++;
          continue;
        }
        // (A conflict below commitIndex is possible only with a planted bug; the divergence checker reports it.)
        observer.removed(self, log.truncate(entry.index - 1), `divergent suffix truncated by primary ${source} (term ${message.term})`);
        context.cover('suffix-truncated');
        break;
      }
      const matched = message.prevIndex + taken;
      if (message.commit > commitIndex) commitTo(Math.min(message.commit, matched));
      const success = (): void => {
        if (term() !== replyTerm || role !== 'follower') return;
        context.send(source, { type: 'appendReply', term: replyTerm, success: true, matchIndex: matched, conflictIndex: 0, round: message.round });
      };
      if (log.clean) afterMeta(success);
      else afterMeta(() => log.sync(success));
    };

    const onAppendReply = (source: string, message: Extract<QuorumMessage, { type: 'appendReply' }>): void => {
      if (message.term > term()) {
        becomeFollower(message.term);
        leaderId = null;
        return;
      }
      if (role !== 'leader' || message.term !== term()) return;
      contacted.add(source);
      inflight.delete(source);
      if (message.round > (peerRound.get(source) ?? 0)) {
        peerRound.set(source, message.round);
        if (config.leases && confirmedRound() > leaseGrantedRound) leaseGrantedRound = confirmedRound();
        serveReads();
      }
      const match = matchIndex.get(source) ?? 0;
      if (message.success) {
        if (message.matchIndex > match) matchIndex.set(source, message.matchIndex);
        const next = Math.max(nextIndex.get(source) ?? 1, (matchIndex.get(source) ?? 0) + 1);
        nextIndex.set(source, next);
        advanceCommit();
        if (next <= log.length) sendAppendEntries(source);
        return;
      }
      if (message.conflictIndex <= match) {
        // The follower lost entries it once held (a hole, a lost tail): it no longer counts for them.
        matchIndex.set(source, message.conflictIndex - 1);
        nextIndex.set(source, Math.max(1, message.conflictIndex));
      } else {
        nextIndex.set(source, Math.max(1, Math.min((nextIndex.get(source) ?? 1) - 1, message.conflictIndex)));
      }
      sendAppendEntries(source);
    };

    armElectionTimer();

    return {
      onMessage(source, message) {
        switch (message.type) {
          case 'append':
          case 'read':
            onClientRequest(source, message);
            return;
          case 'requestVote':
            onRequestVote(source, message);
            return;
          case 'vote':
            onVote(source, message);
            return;
          case 'appendEntries':
            onAppendEntries(source, message);
            return;
          case 'appendReply':
            onAppendReply(source, message);
            return;
          case 'repairRequest': {
            const entry = log.entry(message.index);
            if (entry !== null && entry.term === message.entryTerm) context.send(source, { type: 'repairReply', entry });
            return;
          }
          case 'repairReply':
            onRepairReply(message.entry);
            return;
          default:
            return;
        }
      },
      inspect(): ReplicaState {
        return { role, term: term(), log: log.entries, committedLength: commitIndex };
      },
      observe() {
        return { role: role === 'leader' ? 'primary' : role, term: term(), logLength: log.length, commitLength: commitIndex, busy: appendWaiterCount > 0 || readWaiters.length > 0 };
      },
    };
  };
}

// Client serving: appends (deduplicated by event id, checked against the stream's expected version,
// acknowledged once committed), reads (read-index rounds, or leases), and redirects.
//
// State owned here: clients' appends waiting for their commit and reads waiting for a confirmed round,
// the stream index a primary rebuilds from its log (event id → position, stream → its events in log
// order), and the lease: the latest round a majority confirmed and the latest round whose lease ran out.
import { assert } from '../../sim/assert.js';
import type { LogEntry } from './entry.js';
import type { ClientRequest } from './messages.js';
import type { QuorumReplica } from './quorum-replica.js';

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

/** A stream's events in log order, with their positions. */
export type StreamEntries = { eventId: string; index: number }[];

/** The stream's event ids at log positions <= upTo (a stream's entries are in log order). */
export function readResult(entries: StreamEntries | undefined, upTo: number): string[] {
  if (entries === undefined) return [];
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] as { index: number }).index <= upTo) low = middle + 1;
    else high = middle;
  }
  assert(low === entries.length || (entries[low] as { index: number }).index > upTo, 'a read stops at the first later entry');
  const result = new Array<string>(low);
  for (let position = 0; position < low; position++) result[position] = (entries[position] as { eventId: string }).eventId;
  return result;
}

export class ClientServing {
  private readonly appendWaiters = new Map<number, AppendWaiter[]>();
  appendWaiterCount = 0;
  readWaiters: ReadWaiter[] = [];
  private readonly eventIndex = new Map<string, number>();
  private readonly streams = new Map<string, StreamEntries>();
  private leaseGrantedRound = 0;
  private leaseExpiredRound = 0;

  constructor(private readonly replica: QuorumReplica) {}

  private get isLeader(): boolean {
    return this.replica.election.role === 'leader';
  }

  /** A new primary's lease starts expired: no round of its own has been confirmed yet. */
  resetLease(round: number): void {
    this.leaseGrantedRound = 0;
    this.leaseExpiredRound = round;
    assert(!this.leaseValid(), 'a new primary holds no lease');
  }

  /** The lease timer of round `sentRound` ran out. */
  leaseExpired(sentRound: number): void {
    assert(sentRound >= 1, 'a lease runs from a round that was sent');
    assert(sentRound <= this.replica.replication.round, 'a lease of a round not yet sent');
    if (sentRound > this.leaseExpiredRound) this.leaseExpiredRound = sentRound;
  }

  /** A majority has answered round `confirmed`: with leases on, the lease runs from that round. */
  roundConfirmed(confirmed: number): void {
    assert(confirmed <= this.replica.replication.round, 'a round confirmed before it was sent');
    if (this.replica.config.leases && confirmed > this.leaseGrantedRound) this.leaseGrantedRound = confirmed;
  }

  private leaseValid(): boolean {
    const { config, replication } = this.replica;
    return config.leases && this.isLeader && replication.ready && this.leaseGrantedRound > this.leaseExpiredRound;
  }

  rebuildIndexes(): void {
    const { log, self } = this.replica;
    this.eventIndex.clear();
    this.streams.clear();
    for (const entry of log.entries) {
      assert(entry !== null, `${self}: a primary never holds a hole`);
      if (entry.kind !== 'append') continue;
      this.eventIndex.set(entry.eventId, entry.index);
      let stream = this.streams.get(entry.stream);
      if (stream === undefined) this.streams.set(entry.stream, (stream = []));
      stream.push({ eventId: entry.eventId, index: entry.index });
    }
    assert(this.eventIndex.size <= log.length, 'more events indexed than entries');
  }

  /** Redirects every waiting client (this replica is no longer the primary). */
  dropClientWaiters(): void {
    const replica = this.replica;
    for (const [, waiters] of this.appendWaiters) for (const waiter of waiters) replica.reply(waiter.client, { type: 'redirect', opId: waiter.opId, attempt: waiter.attempt, leader: null });
    this.appendWaiters.clear();
    this.appendWaiterCount = 0;
    for (const waiter of this.readWaiters) replica.reply(waiter.client, { type: 'redirect', opId: waiter.request.opId, attempt: waiter.request.attempt, leader: null });
    this.readWaiters = [];
    assert(this.appendWaiters.size === 0, 'append waiters left behind');
  }

  acknowledgeUpTo(index: number, committed: boolean): void {
    const { log, bugs } = this.replica;
    if (committed) assert(index <= this.replica.replication.commitIndex, `acknowledging up to ${index} past the commit index`);
    for (const [position, waiters] of [...this.appendWaiters]) {
      if (position > index) continue;
      const entry = log.entry(position) as LogEntry;
      for (const waiter of waiters) this.replica.reply(waiter.client, { type: 'appendOk', opId: waiter.opId, attempt: waiter.attempt, version: entry.version, position });
      this.appendWaiterCount -= waiters.length;
      this.appendWaiters.delete(position);
    }
    assert(this.appendWaiterCount >= 0, 'more appends acknowledged than waited');
    assert(committed || bugs.ackEarly, 'acknowledging an uncommitted append');
  }

  serveReads(): void {
    const { replication } = this.replica;
    if (this.readWaiters.length === 0 || !replication.ready) return;
    assert(this.isLeader, 'only a primary serves reads');
    const confirmed = replication.confirmedRound();
    const remaining: ReadWaiter[] = [];
    for (const waiter of this.readWaiters) {
      if (waiter.round <= confirmed) {
        this.replica.reply(waiter.client, {
          type: 'readOk',
          opId: waiter.request.opId,
          attempt: waiter.request.attempt,
          events: readResult(this.streams.get(waiter.request.stream), replication.commitIndex),
        });
      } else remaining.push(waiter);
    }
    this.readWaiters = remaining;
    if (this.readWaiters.length > 0 && confirmed >= replication.round) replication.heartbeat();
  }

  onClientRequest(client: string, request: ClientRequest): void {
    const { context, log, election, replication } = this.replica;
    const base = { opId: request.opId, attempt: request.attempt };
    if (election.role !== 'leader') {
      this.replica.reply(client, { type: 'redirect', ...base, leader: election.leaderId === this.replica.self ? null : election.leaderId });
      return;
    }
    if (!replication.ready || log.holeCount > 0) {
      this.replica.reply(client, { type: 'unavailable', ...base });
      return;
    }
    if (request.type === 'read') {
      const commitIndex = replication.commitIndex;
      if (this.replica.config.leases && replication.ready && this.leaseGrantedRound > 0 && !this.leaseValid()) context.cover('lease-expired-during-read');
      if (this.leaseValid()) {
        this.replica.reply(client, { type: 'readOk', ...base, events: readResult(this.streams.get(request.stream), commitIndex) });
        return;
      }
      if (this.readWaiters.length >= readWaitersMax) {
        this.replica.reply(client, { type: 'unavailable', ...base });
        return;
      }
      // Read index: the read needs a heartbeat round started after it arrived. Reads that arrive while
      // such a round is in flight share the next one (started when that round is confirmed).
      this.readWaiters.push({ client, request, round: replication.round + 1 });
      if (replication.confirmedRound() >= replication.round) replication.heartbeat();
      return;
    }
    const existing = this.eventIndex.get(request.eventId);
    if (existing !== undefined) {
      context.cover('retry-deduplicated');
      const entry = log.entry(existing) as LogEntry;
      assert(entry.eventId === request.eventId, 'the event index points at its event');
      if (existing <= replication.commitIndex) this.replica.reply(client, { type: 'appendOk', ...base, version: entry.version, position: existing });
      else this.waitForCommit(existing, { client, ...base });
      return;
    }
    const stream = this.streams.get(request.stream) ?? [];
    const version = stream.length;
    if (request.expectedVersion >= 0 && request.expectedVersion !== version) {
      this.replica.reply(client, { type: 'appendFail', ...base, actualVersion: version });
      return;
    }
    if (this.appendWaiterCount >= appendWaitersMax) {
      this.replica.reply(client, { type: 'unavailable', ...base });
      return;
    }
    const index = log.length + 1;
    const entry: LogEntry = { index, term: this.replica.term(), previousTerm: log.lastTerm, kind: 'append', stream: request.stream, eventId: request.eventId, version: version + 1, client };
    this.eventIndex.set(entry.eventId, index);
    if (!this.streams.has(request.stream)) this.streams.set(request.stream, stream);
    stream.push({ eventId: entry.eventId, index });
    this.waitForCommit(index, { client, ...base });
    replication.appendLocal(entry);
  }

  private waitForCommit(index: number, waiter: AppendWaiter): void {
    assert(index >= 1, 'an append waits for a position in the log');
    assert(index <= this.replica.log.length + 1, 'an append waits for a position in the log or the next one');
    let waiters = this.appendWaiters.get(index);
    if (waiters === undefined) this.appendWaiters.set(index, (waiters = []));
    waiters.push(waiter);
    this.appendWaiterCount++;
  }
}

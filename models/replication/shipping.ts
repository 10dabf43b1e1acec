// The seed's log shipping ("Simple Clustering", "Failover Strategy"), kept faithfully, flaws included.
//
// `async` — as the seed's code is written: the primary acknowledges an append right after its local
// write (no fsync, no replica), ships entries to every replica each interval, logs shipping failures and
// carries on. A replica that stops hearing from the primary asks whoever it can reach for their
// sequence, and the replica with the highest sequence promotes itself — with no quorum and no terms.
//
// `naive-quorum` — the seed's stated rules read literally: an append is acknowledged once a majority
// (primary included) holds it durably; promotion needs replies from a majority and picks the highest
// sequence; a primary that cannot reach a majority is read-only. But there are no terms or epochs and
// no fencing: replicas accept entries from whoever claims to be primary, positions are compared by
// number only, and two primaries meet only when one hears of the other's higher sequence.
//
// Both designs are expected to fail the properties; faultline exists to show *how*.
import { assert } from '../../sim/assert.js';
import type { NodeBehaviour, NodeContext, TimerHandle } from '../../sim/node.js';
import type { ReplicationConfig } from './config.js';
import { entryDigest, type LogEntry } from './entry.js';
import type { ClientReply, ClientRequest, ReplicationMessage, ShippingMessage } from './messages.js';
import type { ReplicaInspect, ReplicaState, ReplicationObserver } from './observer.js';
import { ReplicaLog } from './replica-log.js';

const shipEntriesMax = 256;
/** How long a failover round collects sequence replies. */
const queryWindowMicros = 20_000;

export type ShippingNode = NodeBehaviour<ReplicationMessage> & ReplicaInspect;

export function shippingServer(config: ReplicationConfig, observer: ReplicationObserver) {
  const quorumWrites = config.design === 'naive-quorum';
  return (context: NodeContext<ReplicationMessage>): ShippingNode => {
    const self = context.id;
    const peers = context.nodes.filter((node) => node !== self);
    const majority = Math.floor(context.nodes.length / 2) + 1;
    const log = new ReplicaLog(context.disk);
    observer.recovered(self, log.report);
    // Holes are not repaired by the seed's design: a corrupted record ends the log for it.
    if (log.holeCount > 0) observer.removed(self, log.truncate(log.firstHole() - 1), 'corrupted record cut at recovery');
    // From here on the log has no holes: this design only appends and truncates.
    assert(log.holeCount === 0, `${self}: a hole survived recovery`);

    // The first configured node starts as primary; a restarted node starts as a replica.
    let primary: string | null = context.nodes[0] ?? null;
    let isPrimary = primary === self && log.length === 0;
    if (primary === self && !isPrimary) primary = null;
    const matched = new Map<string, number>();
    const lastHeard = new Map<string, number>();
    const waiters = new Map<number, { client: string; opId: number; attempt: number }[]>();
    const eventIndex = new Map<string, number>();
    const streams = new Map<string, { eventId: string; index: number }[]>();
    let committedIndex = 0;
    let failoverTimer: TimerHandle | null = null;
    let queryRound = 0;
    let queryReplies = new Map<string, { sequence: number; primary: string | null }>();

    const rebuildIndexes = (): void => {
      assert(log.holeCount === 0, `${self}: indexing a log with holes`);
      eventIndex.clear();
      streams.clear();
      for (const entry of log.entries) {
        if (entry === null || entry.kind !== 'append') continue;
        eventIndex.set(entry.eventId, entry.index);
        let stream = streams.get(entry.stream);
        if (stream === undefined) streams.set(entry.stream, (stream = []));
        stream.push({ eventId: entry.eventId, index: entry.index });
      }
      assert(eventIndex.size <= log.length, 'more events indexed than entries');
    };
    rebuildIndexes();

    const reply = (client: string, message: ClientReply): void => context.send(client, message);

    const resetFailoverTimer = (): void => {
      if (failoverTimer !== null) context.cancelTimer(failoverTimer);
      failoverTimer = context.setTimer(context.random.intInclusive(config.electionMicrosMin, config.electionMicrosMax), 'primary-timeout', onPrimaryTimeout);
    };

    const becomePrimary = (): void => {
      assert(!isPrimary, `${self}: promoted twice`);
      isPrimary = true;
      primary = self;
      committedIndex = log.length;
      for (const peer of peers) matched.set(peer, 0);
      rebuildIndexes();
      observer.becamePrimary(self, 0);
      assert(committedIndex === log.length, 'a promoted replica takes its whole log as committed');
      context.log(`${self} promotes itself at sequence ${log.length}`);
      for (const peer of peers) context.send(peer, { type: 'promoted', primary: self, sequence: log.length });
      ship();
    };

    const stepDown = (newPrimary: string): void => {
      assert(newPrimary !== self, `${self}: stepping down for itself`);
      if (isPrimary) {
        for (const [, list] of waiters) for (const waiter of list) reply(waiter.client, { type: 'redirect', opId: waiter.opId, attempt: waiter.attempt, leader: newPrimary });
        waiters.clear();
        context.log(`${self} steps down for ${newPrimary}`);
      }
      isPrimary = false;
      primary = newPrimary;
      resetFailoverTimer();
      assert(waiters.size === 0, `${self}: a replica keeps no waiting clients`);
    };

    /** Another primary exists: the one with the higher sequence (then the lower id) wins. */
    const outranks = (other: string, sequence: number): boolean => sequence > log.length || (sequence === log.length && other < self);

    const onPrimaryTimeout = (): void => {
      failoverTimer = null;
      resetFailoverTimer();
      if (isPrimary) return;
      const round = ++queryRound;
      queryReplies = new Map([[self, { sequence: log.length, primary: null }]]);
      assert(round === queryRound, 'a failover round is the latest one');
      for (const peer of peers) context.send(peer, { type: 'sequenceQuery', round });
      context.setTimer(queryWindowMicros, 'failover-window', () => {
        if (round !== queryRound || isPrimary) return;
        assert(queryReplies.has(self), 'a failover round counts its own sequence');
        assert(queryReplies.size <= peers.length + 1, 'more sequence replies than replicas');
        if (quorumWrites && queryReplies.size < majority) return;
        // Someone still hears a primary: follow it instead.
        const alive = [...queryReplies.values()].find((each) => each.primary !== null && each.primary !== self);
        if (alive !== undefined && alive.primary !== null) {
          primary = alive.primary;
          return;
        }
        const best = [...queryReplies].sort(([a, x], [b, y]) => y.sequence - x.sequence || a.localeCompare(b))[0];
        if (best !== undefined && best[0] === self) becomePrimary();
      });
    };

    // --- primary: shipping every interval ---

    const ship = (): void => {
      if (!isPrimary) return;
      for (const peer of peers) {
        const from = (matched.get(peer) ?? 0) + 1;
        const entries: LogEntry[] = [];
        assert(from >= 1, `${self}: shipping to ${peer} from ${from}`);
        for (let index = from; index <= log.length && entries.length < shipEntriesMax; index++) {
          const entry = log.entry(index);
          assert(entry !== null, `${self}: shipping a hole at ${index}`);
          entries.push(entry);
        }
        context.send(peer, { type: 'ship', primary: self, sequence: log.length, entries });
      }
    };

    const onShipTimer = (): void => {
      ship();
      context.setTimer(config.heartbeatMicros, 'ship', onShipTimer);
    };

    const heardPrimaryRecently = (): boolean => primary !== null && context.now() - (lastHeard.get(primary) ?? -Infinity) <= config.electionMicrosMin;

    const reachable = (): number => {
      let count = 1;
      for (const peer of peers) if (context.now() - (lastHeard.get(peer) ?? -Infinity) <= config.electionMicrosMax) count++;
      return count;
    };

    const advanceCommitted = (): void => {
      if (!quorumWrites) return;
      const matches = [log.durableIndex, ...peers.map((peer) => matched.get(peer) ?? 0)].sort((a, b) => b - a);
      const majorityIndex = Math.min(matches[majority - 1] as number, log.length);
      assert(majorityIndex <= log.length, 'a commit point past the log');
      for (let index = committedIndex + 1; index <= majorityIndex; index++) {
        assert(log.entry(index) !== null, `${self}: committing a hole at ${index}`);
        observer.committed(self, log.entry(index) as LogEntry);
        for (const waiter of waiters.get(index) ?? []) {
          const entry = log.entry(index) as LogEntry;
          reply(waiter.client, { type: 'appendOk', opId: waiter.opId, attempt: waiter.attempt, version: entry.version, position: index });
        }
        waiters.delete(index);
      }
      const before = committedIndex;
      if (majorityIndex > committedIndex) committedIndex = majorityIndex;
      assert(committedIndex >= before, `${self}: commit point moved back`);
    };

    const onClientRequest = (client: string, request: ClientRequest): void => {
      const base = { opId: request.opId, attempt: request.attempt };
      if (!isPrimary) {
        reply(client, { type: 'redirect', ...base, leader: primary === self ? null : primary });
        return;
      }
      assert(isPrimary, 'only a primary serves clients');
      if (request.type === 'read') {
        const upTo = quorumWrites ? committedIndex : log.length;
        reply(client, { type: 'readOk', ...base, events: (streams.get(request.stream) ?? []).filter((each) => each.index <= upTo).map((each) => each.eventId) });
        return;
      }
      // naive-quorum: the minority side is read-only.
      if (quorumWrites && reachable() < majority) {
        reply(client, { type: 'unavailable', ...base });
        return;
      }
      const existing = eventIndex.get(request.eventId);
      if (existing !== undefined) {
        const entry = log.entry(existing) as LogEntry;
        if (!quorumWrites || existing <= committedIndex) reply(client, { type: 'appendOk', ...base, version: entry.version, position: existing });
        else (waiters.get(existing) ?? waiters.set(existing, []).get(existing))?.push({ client, ...base });
        return;
      }
      const stream = streams.get(request.stream) ?? [];
      if (request.expectedVersion >= 0 && request.expectedVersion !== stream.length) {
        reply(client, { type: 'appendFail', ...base, actualVersion: stream.length });
        return;
      }
      const index = log.length + 1;
      const entry: LogEntry = { index, term: 0, previousTerm: 0, kind: 'append', stream: request.stream, eventId: request.eventId, version: stream.length + 1, client };
      log.append(entry);
      assert(log.length === index, 'an append lands at the end of the log');
      eventIndex.set(entry.eventId, index);
      if (!streams.has(request.stream)) streams.set(request.stream, stream);
      stream.push({ eventId: entry.eventId, index });
      if (!quorumWrites) {
        // The seed: acknowledged after the local append; shipping happens on the next interval.
        committedIndex = index;
        observer.committed(self, entry);
        reply(client, { type: 'appendOk', ...base, version: entry.version, position: index });
        return;
      }
      (waiters.get(index) ?? waiters.set(index, []).get(index))?.push({ client, ...base });
      log.sync(() => advanceCommitted());
    };

    // --- replica side ---

    const onShip = (source: string, message: Extract<ShippingMessage, { type: 'ship' }>): void => {
      if (isPrimary) {
        if (!outranks(source, message.sequence)) return;
        stepDown(source);
      }
      assert(!isPrimary, `${self}: taking entries while primary`);
      primary = source;
      resetFailoverTimer();
      for (const entry of message.entries) {
        if (entry.index > log.length + 1) break;
        const existing = log.entry(entry.index);
        if (existing !== null && entryDigest(existing) === entryDigest(entry)) continue;
        if (entry.index <= log.length) observer.removed(self, log.truncate(entry.index - 1), `overwritten by primary ${source}`);
        log.append(entry);
        assert(log.length === entry.index, 'a shipped entry lands at its own index');
      }
      // The primary is authoritative about the length, too ("conflict resolution").
      if (log.length > message.sequence) observer.removed(self, log.truncate(message.sequence), `cut to primary ${source}'s sequence`);
      const length = log.length;
      assert(length <= message.sequence, `${self}: longer than primary ${source}'s sequence`);
      if (quorumWrites) log.sync(() => context.send(source, { type: 'shipAck', sequence: Math.min(length, log.length) }));
      else context.send(source, { type: 'shipAck', sequence: length });
    };

    if (!isPrimary) resetFailoverTimer();
    else becomePrimaryAtBoot();
    context.setTimer(config.heartbeatMicros, 'ship', onShipTimer);

    function becomePrimaryAtBoot(): void {
      assert(log.length === 0, 'only an empty first node boots as primary');
      observer.becamePrimary(self, 0);
      for (const peer of peers) matched.set(peer, 0);
    }

    return {
      onMessage(source, message) {
        switch (message.type) {
          case 'append':
          case 'read':
            onClientRequest(source, message);
            return;
          case 'ship':
            lastHeard.set(source, context.now());
            onShip(source, message);
            return;
          case 'shipAck':
            lastHeard.set(source, context.now());
            if (!isPrimary) return;
            // Failures are logged and shipping carries on (the seed's "log but continue").
            matched.set(source, Math.min(message.sequence, log.length));
            assert((matched.get(source) ?? 0) <= log.length, 'a replica matched past the primary log');
            advanceCommitted();
            return;
          case 'sequenceQuery':
            lastHeard.set(source, context.now());
            context.send(source, { type: 'sequenceReply', round: message.round, sequence: log.length, primary: isPrimary ? self : heardPrimaryRecently() ? primary : null });
            return;
          case 'sequenceReply':
            lastHeard.set(source, context.now());
            if (message.round === queryRound) queryReplies.set(source, { sequence: message.sequence, primary: message.primary });
            return;
          case 'promoted':
            lastHeard.set(source, context.now());
            if (isPrimary && !outranks(source, message.sequence)) return;
            stepDown(source);
            return;
          default:
            return;
        }
      },
      inspect(): ReplicaState {
        return { role: isPrimary ? 'primary' : 'replica', term: 0, log: log.entries, committedLength: log.length };
      },
      observe() {
        return { role: isPrimary ? 'primary' : 'replica', term: 0, logLength: log.length, commitLength: committedIndex, busy: waiters.size > 0 };
      },
    };
  };
}

// Proves the replication checkers on hand-written histories and final states: each accepts a valid
// input and rejects the matching invalid one with a message that names the event, client and node.
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../models/replication/entry.js';
import type { ReplicaState } from '../../models/replication/observer.js';
import type { HistoryEvent } from '../../sim/history.js';
import { convergence, livenessAfterHeal, noAckedEventLost, uniquePositions } from './checks.js';
import { prefixConsistency } from './prefix-consistency.js';
import { ReplicationRecorder } from './recorder.js';

const append = (index: number, eventId: string, version: number, term = 1): LogEntry => ({ index, term, previousTerm: index === 1 ? 0 : term, kind: 'append', stream: 's1', eventId, version, client: 'c1' });
const state = (log: LogEntry[], committedLength = log.length): ReplicaState => ({ role: 'follower', term: 1, log, committedLength });

function appendOp(process: number, eventId: string, invoked: number, completed: number, position: number, version: number, node = 'n1'): HistoryEvent[] {
  return [
    { process, type: 'invoke', f: 'append', key: 's1', value: { stream: 's1', expectedVersion: 'any', events: [eventId] }, time: invoked },
    { process, type: 'ok', f: 'append', key: 's1', value: { stream: 's1', expectedVersion: 'any', events: [eventId], version, position }, time: completed, node },
  ];
}
function readOp(process: number, events: string[], invoked: number, completed: number, node = 'n1'): HistoryEvent[] {
  return [
    { process, type: 'invoke', f: 'read', key: 's1', value: { stream: 's1' }, time: invoked },
    { process, type: 'ok', f: 'read', key: 's1', value: { stream: 's1', events }, time: completed, node },
  ];
}

describe('replication checkers', () => {
  const history = [...appendOp(0, 'c1-1', 10, 20, 1, 1), ...appendOp(1, 'c2-1', 30, 40, 2, 2)];
  const log = [append(1, 'c1-1', 1), append(2, 'c2-1', 2)];

  it('no-acked-event-lost: passes when every node holds every acked event at its position, names the loss otherwise', () => {
    const recorder = new ReplicationRecorder(() => 500, true);
    expect(noAckedEventLost(history, [{ node: 'n1', state: state(log) }], recorder)).toEqual([]);
    recorder.removed('n2', [log[1] as LogEntry], 'divergent suffix truncated');
    const lost = noAckedEventLost(history, [{ node: 'n2', state: state([log[0] as LogEntry]) }], recorder);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.message).toBe("event c2-1 (stream s1), acknowledged to client c2 by n1 at 40µs at position 2, is missing from n2's committed log (1 entries); it vanished at 500µs (divergent suffix truncated, was at position 2)");
  });

  it('unique-positions: two events acknowledged at one position is split brain', () => {
    expect(uniquePositions(history)).toEqual([]);
    const split = [...history, ...appendOp(2, 'c3-1', 50, 60, 2, 2, 'n3')];
    expect(uniquePositions(split)[0]?.message).toMatch(/^position 2 was acknowledged twice: event c2-1 .* and event c3-1 to client c3 by n3/);
  });

  it('linearizable-reads (prefix consistency): a read missing an append acknowledged before it began is stale', () => {
    expect(prefixConsistency([...history, ...readOp(2, ['c1-1', 'c2-1'], 45, 50)], state(log))).toEqual([]);
    const stale = prefixConsistency([...history, ...readOp(2, ['c1-1'], 45, 50, 'n3')], state(log));
    expect(stale[0]?.message).toBe('stale read: client c3 read stream s1 from n3 (invoked 45µs) without event c2-1, whose append was acknowledged to client c2 by n1 at 40µs');
    const wrongOrder = prefixConsistency([...history, ...readOp(2, ['c2-1'], 45, 50)], state(log));
    expect(wrongOrder[0]?.message).toMatch(/with c2-1 at version 1, but the final committed stream holds c1-1 there/);
  });

  it('convergence: identical logs pass, a difference is reported with both entries', () => {
    expect(convergence([{ node: 'n1', state: state(log) }, { node: 'n2', state: state(log) }])).toEqual([]);
    const differ = convergence([{ node: 'n1', state: state(log) }, { node: 'n2', state: state([log[0] as LogEntry]) }]);
    expect(differ[0]?.message).toMatch(/differ at index 2: event c2-1 .* vs nothing/);
  });

  it('liveness-after-heal: an append must succeed within the bound after the heal', () => {
    expect(livenessAfterHeal(history, 15, 10)).toEqual([]);
    expect(livenessAfterHeal(history, 45, 10)[0]?.kind).toBe('liveness');
  });
});

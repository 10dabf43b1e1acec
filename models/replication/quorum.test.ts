// Proves the quorum design's rules piece by piece, outside a simulation: the vote rule (up to date, one
// vote per term, durable across a restart), the commit rule (a majority, never past a hole, and only an
// entry of the primary's own term — the figure-8 rule), where a follower asks a primary to resume, and
// a primary's read of a stream. Replicas run on the kernel's real Disk with a hand-driven context:
// fsyncs run when the test settles, timers fire only when the test fires them.
import { describe, expect, it } from 'vitest';
import type { NodeContext, TimerHandle } from '../../sim/node.js';
import { createTestHost, type TestHost } from '../../sim/test-host.js';
import { conflictStart } from './append-entries.js';
import { replicationDefaults } from './config.js';
import { grantsVote } from './election.js';
import { majorityMatch, mayCommit } from './log-replication.js';
import type { QuorumMessage, ReplicationMessage } from './messages.js';
import { nullObserver } from './observer.js';
import { quorumServer, type QuorumNode } from './quorum.js';
import { readResult } from './serving.js';

const nodes = ['n1', 'n2', 'n3'];

/** Replica n1 of a three-node cluster on `world`'s disk; `sent` collects what it sends, `timers` what it arms. */
function replica(world: TestHost) {
  const sent: { target: string; message: ReplicationMessage }[] = [];
  const timers: { label: string; fire: () => void; cancelled: boolean }[] = [];
  const context: NodeContext<ReplicationMessage> = {
    id: 'n1',
    nodes,
    clients: ['c1'],
    // The replica draws only its election timeout, which these tests fire by hand.
    random: { intInclusive: (min: number) => min } as unknown as NodeContext<ReplicationMessage>['random'],
    disk: world.nodeDisk(),
    now: () => 0,
    send: (target, message) => void sent.push({ target, message }),
    setTimer(delayMicros, label, fire): TimerHandle {
      const timer = { label, fire, cancelled: false, time: delayMicros };
      timers.push(timer);
      return timer;
    },
    cancelTimer: (handle) => void ((handle as unknown as { cancelled: boolean }).cancelled = true),
    record: () => undefined,
    log: () => undefined,
    cover: () => undefined,
  };
  const node: QuorumNode = quorumServer(replicationDefaults, new Set(), nullObserver)(context);
  const deliver = (source: string, message: ReplicationMessage): void => {
    node.onMessage?.(source, message);
    world.settle();
  };
  const fire = (label: string): void => {
    const timer = timers.filter((each) => each.label === label && !each.cancelled).at(-1);
    expect(timer).toBeDefined();
    (timer as { cancelled: boolean }).cancelled = true;
    timer?.fire();
    world.settle();
  };
  const votes = () => sent.filter((each) => each.message.type === 'vote').map((each) => ({ to: each.target, ...(each.message as Extract<QuorumMessage, { type: 'vote' }>) }));
  return { node, sent, deliver, fire, votes };
}

const requestVote = (term: number, candidate: string, lastIndex = 0, lastTerm = 0): ReplicationMessage => ({ type: 'requestVote', term, candidate, lastIndex, lastTerm });

describe('election', () => {
  it('grants a vote only to an up-to-date candidate, once per term, and not as the primary', () => {
    const voter = { role: 'follower' as const, votedFor: '', lastIndex: 5, lastTerm: 2 };
    expect(grantsVote(voter, { candidate: 'n2', lastIndex: 5, lastTerm: 2 }, false)).toBe(true);
    expect(grantsVote(voter, { candidate: 'n2', lastIndex: 4, lastTerm: 2 }, false)).toBe(false);
    expect(grantsVote(voter, { candidate: 'n2', lastIndex: 1, lastTerm: 3 }, false)).toBe(true);
    expect(grantsVote(voter, { candidate: 'n2', lastIndex: 9, lastTerm: 1 }, false)).toBe(false);
    const voted = { ...voter, votedFor: 'n3' };
    expect(grantsVote(voted, { candidate: 'n2', lastIndex: 5, lastTerm: 2 }, false)).toBe(false);
    expect(grantsVote(voted, { candidate: 'n3', lastIndex: 5, lastTerm: 2 }, false)).toBe(true);
    expect(grantsVote(voted, { candidate: 'n2', lastIndex: 5, lastTerm: 2 }, true)).toBe(true); // the planted bug
    expect(grantsVote({ ...voter, role: 'leader' }, { candidate: 'n2', lastIndex: 5, lastTerm: 2 }, false)).toBe(false);
  });

  it('a replica votes once per term, sends the vote only once it is durable, and keeps it across a restart', () => {
    const world = createTestHost('quorum-vote');
    const first = replica(world);
    first.node.onMessage?.('n2', requestVote(1, 'n2'));
    expect(first.votes()).toEqual([]); // the vote waits for its fsync
    world.settle();
    first.deliver('n3', requestVote(1, 'n3'));
    expect(first.votes()).toEqual([
      { to: 'n2', type: 'vote', term: 1, granted: true },
      { to: 'n3', type: 'vote', term: 1, granted: false },
    ]);
    world.crash(true);
    const second = replica(world);
    expect(second.node.inspect().term).toBe(1);
    second.deliver('n3', requestVote(1, 'n3'));
    second.deliver('n3', requestVote(2, 'n3'));
    expect(second.votes()).toEqual([
      { to: 'n3', type: 'vote', term: 1, granted: false },
      { to: 'n3', type: 'vote', term: 2, granted: true },
    ]);
  });
});

describe('log replication', () => {
  it('commits by counting a majority, never past a hole, and only an entry of the primary’s own term (figure 8)', () => {
    // Five replicas: the primary has 4 durable, peers matched 4, 2, 2, 1 → a majority (3) holds 2.
    expect(majorityMatch(4, [4, 2, 2, 1], 3, 0)).toBe(2);
    expect(majorityMatch(4, [4, 4, 2, 1], 3, 0)).toBe(4);
    expect(majorityMatch(4, [4, 4, 2, 1], 3, 3)).toBe(2); // the primary's hole at 3 caps it
    // Figure 8: index 2 holds an entry of term 2, replicated to a majority by the primary of term 4.
    expect(mayCommit(2, 1, 2, 4, false)).toBe(false);
    expect(mayCommit(2, 1, 2, 4, true)).toBe(true); // the planted bug commits it
    // Once the primary's own entry (term 4, index 3) is on a majority, it commits, and 2 with it.
    expect(mayCommit(3, 1, 4, 4, false)).toBe(true);
    expect(mayCommit(3, 3, 4, 4, false)).toBe(false); // nothing new
  });

  it('a new primary commits its no-op once one peer (a majority of three) holds it, and only then serves', () => {
    const world = createTestHost('quorum-lead');
    const primary = replica(world);
    primary.fire('election-timeout');
    const request = primary.sent.find((each) => each.message.type === 'requestVote');
    expect(request?.message).toEqual(requestVote(1, 'n1'));
    primary.deliver('n2', { type: 'vote', term: 1, granted: true });
    expect(primary.node.observe?.()).toMatchObject({ role: 'primary', term: 1, logLength: 1, commitLength: 0 });
    primary.deliver('c1', { type: 'read', opId: 1, attempt: 1, stream: 's1' });
    expect(primary.sent.at(-1)).toEqual({ target: 'c1', message: { type: 'unavailable', opId: 1, attempt: 1 } });
    primary.deliver('n2', { type: 'appendReply', term: 1, success: true, matchIndex: 1, conflictIndex: 0, round: 1 });
    expect(primary.node.observe?.()).toMatchObject({ role: 'primary', commitLength: 1 });
    primary.deliver('c1', { type: 'append', opId: 2, attempt: 1, stream: 's1', eventId: 'e1', expectedVersion: 0 });
    expect(primary.node.inspect().log.at(-1)).toMatchObject({ index: 2, term: 1, kind: 'append', eventId: 'e1' });
  });

  it('a follower whose entry at prevIndex disagrees asks to resume at the start of that term’s run, past its commit point', () => {
    const terms = [0, 1, 1, 2, 2, 2];
    const termAt = (index: number): number => terms[index] as number;
    expect(conflictStart(5, termAt, 0)).toBe(3);
    expect(conflictStart(2, termAt, 0)).toBe(1);
    expect(conflictStart(5, termAt, 3)).toBe(4);
  });
});

describe('client serving', () => {
  it('a read returns the stream’s events at positions up to the commit index, in order', () => {
    const stream = [
      { eventId: 'a', index: 2 },
      { eventId: 'b', index: 5 },
      { eventId: 'c', index: 9 },
    ];
    expect(readResult(stream, 1)).toEqual([]);
    expect(readResult(stream, 5)).toEqual(['a', 'b']);
    expect(readResult(stream, 20)).toEqual(['a', 'b', 'c']);
    expect(readResult(undefined, 20)).toEqual([]);
  });
});

// Log replication, follower side: AppendEntries from the primary. The follower checks that its log
// matches the primary's at `prevIndex`, takes the entries (filling holes, truncating a divergent
// suffix), advances its commit index to what it matched, and replies once what it took is durable.
// It owns no state of its own: the log is the replica's, the commit index is in `log-replication.ts`.
import { assert } from '../../sim/assert.js';
import type { QuorumMessage } from './messages.js';
import type { QuorumReplica } from './quorum-replica.js';

/** Where a follower whose entry at `prevIndex` has another term asks the primary to resume: the first
 * index of that term's run, never at or below its commit point. */
export function conflictStart(prevIndex: number, termAt: (index: number) => number, commitIndex: number): number {
  assert(prevIndex >= 1, 'a conflict needs an entry to disagree about');
  const prevTerm = termAt(prevIndex);
  let first = prevIndex;
  while (first > 1 && termAt(first - 1) === prevTerm) first--;
  const start = Math.max(first, commitIndex + 1);
  assert(start > commitIndex, 'a follower never asks to resume inside its committed prefix');
  return start;
}

export function onAppendEntries(replica: QuorumReplica, source: string, message: Extract<QuorumMessage, { type: 'appendEntries' }>): void {
  const { context, log, observer, self, election, replication } = replica;
  if (message.term < replica.term()) {
    context.send(source, { type: 'appendReply', term: replica.term(), success: false, matchIndex: 0, conflictIndex: 0, round: message.round });
    return;
  }
  if (message.term > replica.term() || election.role !== 'follower') election.becomeFollower(message.term);
  assert(election.role === 'follower', `${self}: a second primary in term ${message.term}`);
  election.leaderId = message.leader;
  election.resetElectionTimer();
  election.noteLeaderContact();
  const replyTerm = replica.term();
  const fail = (conflictIndex: number): void =>
    replica.afterMeta(() => context.send(source, { type: 'appendReply', term: replyTerm, success: false, matchIndex: 0, conflictIndex, round: message.round }));
  if (message.prevIndex > log.length) return fail(log.length + 1);
  const hole = log.firstHole();
  if (hole !== 0 && hole <= message.prevIndex) return fail(hole);
  const prevTerm = log.termAt(message.prevIndex);
  if (prevTerm !== message.prevTerm) return fail(conflictStart(message.prevIndex, (index) => log.termAt(index), replication.commitIndex));
  // Entries are taken up to the first one that would be written past a cut not yet durable (a
  // truncate here, or recovery's): the reply then reports only what was taken, and the primary
  // sends the rest once the cut's fsync has completed (the reply waits for it).
  let taken = 0;
  for (const entry of message.entries) {
    assert(entry.index === message.prevIndex + taken + 1, `${source} sent entries out of order`);
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
    if (existing.term === entry.term || replica.bugs.noTruncate) {
      taken++;
      continue;
    }
    // (A conflict below commitIndex is possible only with a planted bug; the divergence checker reports it.)
    observer.removed(self, log.truncate(entry.index - 1), `divergent suffix truncated by primary ${source} (term ${message.term})`);
    context.cover('suffix-truncated');
    break;
  }
  const matched = message.prevIndex + taken;
  assert(matched <= log.length, `${self}: matched ${matched} past its log (${log.length})`);
  if (message.commit > replication.commitIndex) replication.commitTo(Math.min(message.commit, matched));
  const success = (): void => {
    if (replica.term() !== replyTerm || election.role !== 'follower') return;
    context.send(source, { type: 'appendReply', term: replyTerm, success: true, matchIndex: matched, conflictIndex: 0, round: message.round });
  };
  if (log.clean) replica.afterMeta(success);
  else replica.afterMeta(() => log.sync(success));
}

// What the replication models report to the checkers while they run: who became primary in which term,
// what each node committed, and what each node removed from its log. The models call it and never read
// it back, so it cannot change their behaviour; it exists so properties can say *when* something
// happened (two primaries in one term, an acknowledged event vanishing), not just that it did.
import type { LogEntry } from './entry.js';
import type { RecoveryReport } from './replica-log.js';

export interface ReplicationObserver {
  becamePrimary(node: string, term: number): void;
  /** Called once per index as `node`'s commit point passes it. */
  committed(node: string, entry: LogEntry): void;
  /** Entries `node` dropped from its log: truncated, overwritten, or lost to a crash. */
  removed(node: string, entries: readonly LogEntry[], reason: string): void;
  recovered(node: string, report: RecoveryReport): void;
}

export const nullObserver: ReplicationObserver = {
  becamePrimary: () => undefined,
  committed: () => undefined,
  removed: () => undefined,
  recovered: () => undefined,
};

export interface ReplicaState {
  role: string;
  term: number;
  /** The log as held in memory (null: a hole not yet repaired). */
  log: readonly (LogEntry | null)[];
  /** Entries 1..committedLength are the node's committed prefix (async/naive: its whole log). */
  committedLength: number;
}

export interface ReplicaInspect {
  inspect(): ReplicaState;
}

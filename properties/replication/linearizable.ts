// linearizable-reads: judges the client history of appends and reads. Until the linearizability
// checker (properties/linearizability) is wired in, this is the prefix-consistency check.
import type { ReplicaState } from '../../models/replication/observer.js';
import type { HistoryEvent } from '../../sim/history.js';
import type { Violation } from '../../scenarios/types.js';
import { prefixConsistency } from './prefix-consistency.js';

export function linearizableHistory(history: readonly HistoryEvent[], reference: ReplicaState | null): Violation[] {
  return prefixConsistency(history, reference);
}

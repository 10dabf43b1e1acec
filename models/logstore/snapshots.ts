// The snapshot index of a log store: per persistence id, the committed snapshots in sequence-number
// order. Rebuilt from snapshot records on recovery; selection bounds are inclusive.
export interface Snapshot {
  persistenceId: string;
  sequenceNr: number;
  timestamp: number;
  data: unknown;
}

export interface SnapshotCriteria {
  maxSequenceNr?: number;
  maxTimestamp?: number;
  minSequenceNr?: number;
  minTimestamp?: number;
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

export function resolveCriteria(criteria: SnapshotCriteria): Required<SnapshotCriteria> {
  return {
    maxSequenceNr: criteria.maxSequenceNr ?? SAFE_MAX,
    maxTimestamp: criteria.maxTimestamp ?? SAFE_MAX,
    minSequenceNr: criteria.minSequenceNr ?? 0,
    minTimestamp: criteria.minTimestamp ?? 0,
  };
}

function matches(snapshot: Snapshot, bounds: Required<SnapshotCriteria>): boolean {
  return snapshot.sequenceNr >= bounds.minSequenceNr && snapshot.sequenceNr <= bounds.maxSequenceNr && snapshot.timestamp >= bounds.minTimestamp && snapshot.timestamp <= bounds.maxTimestamp;
}

export class SnapshotIndex {
  private readonly byId = new Map<string, Snapshot[]>();

  /** Saving at an existing sequence number overwrites it. */
  save(snapshot: Snapshot): void {
    const kept = (this.byId.get(snapshot.persistenceId) ?? []).filter((each) => each.sequenceNr !== snapshot.sequenceNr);
    kept.push(snapshot);
    kept.sort((a, b) => a.sequenceNr - b.sequenceNr || a.timestamp - b.timestamp);
    this.byId.set(snapshot.persistenceId, kept);
  }

  remove(persistenceId: string, bounds: Required<SnapshotCriteria>): void {
    const list = this.byId.get(persistenceId);
    if (list !== undefined) this.byId.set(persistenceId, list.filter((snapshot) => !matches(snapshot, bounds)));
  }

  /** The newest snapshot (highest sequence number) within the bounds, or null. */
  newest(persistenceId: string, bounds: Required<SnapshotCriteria>): Snapshot | null {
    const list = this.byId.get(persistenceId) ?? [];
    for (let index = list.length - 1; index >= 0; index--) {
      const snapshot = list[index] as Snapshot;
      if (matches(snapshot, bounds)) return snapshot;
    }
    return null;
  }
}

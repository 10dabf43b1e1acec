// The checkers' instrument inside a replication run: implements the models' ReplicationObserver and
// keeps, with true simulated time, every primary election, every commit and every removal. It judges
// two things as they happen — two primaries in one term, and two different entries committed at one
// index — because a later truncation could hide them from a final-state check.
import type { LogEntry } from '../../models/replication/entry.js';
import type { ReplicationObserver } from '../../models/replication/observer.js';
import { entryIdentity } from './entry-identity.js';
import type { RecoveryReport } from '../../models/replication/replica-log.js';
import type { Micros } from '../../sim/time.js';

export interface PrimaryRecord {
  node: string;
  term: number;
  atMicros: Micros;
}

export interface CommitConflict {
  index: number;
  first: { node: string; digest: string; atMicros: Micros };
  second: { node: string; digest: string; atMicros: Micros };
}

export interface RemovalRecord {
  node: string;
  eventId: string;
  index: number;
  reason: string;
  atMicros: Micros;
}

/** Bounds: a run records at most this many conflicts (the first ones are the useful ones). */
const conflictsMax = 16;

export class ReplicationRecorder implements ReplicationObserver {
  readonly primaries: PrimaryRecord[] = [];
  /** Terms with more than one primary: the first two of each. */
  readonly doublePrimaries: [PrimaryRecord, PrimaryRecord][] = [];
  readonly commitConflicts: CommitConflict[] = [];
  readonly removals: RemovalRecord[] = [];
  readonly recoveries: { node: string; report: RecoveryReport; atMicros: Micros }[] = [];
  private readonly primaryOfTerm = new Map<number, PrimaryRecord>();
  private readonly committedAt = new Map<number, { node: string; digest: string; atMicros: Micros; entry: LogEntry }>();

  constructor(
    private readonly now: () => Micros,
    /** async / naive-quorum have no terms: primaries are recorded but not judged per term. */
    private readonly judgeTerms: boolean,
  ) {}

  becamePrimary(node: string, term: number): void {
    const record = { node, term, atMicros: this.now() };
    this.primaries.push(record);
    if (!this.judgeTerms) return;
    const earlier = this.primaryOfTerm.get(term);
    if (earlier === undefined) this.primaryOfTerm.set(term, record);
    else if (earlier.node !== node && this.doublePrimaries.length < conflictsMax) this.doublePrimaries.push([earlier, record]);
  }

  committed(node: string, entry: LogEntry): void {
    const earlier = this.committedAt.get(entry.index);
    if (earlier === undefined) {
      this.committedAt.set(entry.index, { node, digest: entryIdentity(entry), atMicros: this.now(), entry });
      return;
    }
    // The same entry object usually travels to every replica: identity settles most comparisons.
    if (earlier.entry === entry) return;
    const digest = entryIdentity(entry);
    if (earlier.digest !== digest && this.commitConflicts.length < conflictsMax) {
      this.commitConflicts.push({ index: entry.index, first: { node: earlier.node, digest: earlier.digest, atMicros: earlier.atMicros }, second: { node, digest, atMicros: this.now() } });
    }
  }

  removed(node: string, entries: readonly LogEntry[], reason: string): void {
    const atMicros = this.now();
    for (const entry of entries) if (entry.kind === 'append') this.removals.push({ node, eventId: entry.eventId, index: entry.index, reason, atMicros });
  }

  recovered(node: string, report: RecoveryReport): void {
    this.recoveries.push({ node, report, atMicros: this.now() });
  }

  get commitsRecorded(): number {
    return this.committedAt.size;
  }
}

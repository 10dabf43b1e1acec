// no-stale-read (per client): a view read a client starts after one of its own appends to that
// aggregate was acknowledged shows that event (its sequence number or a later one) — through eviction
// and the loader, through the async projection, and through the cache. The one excuse is cache-aside's
// declared trade-off: when a write's invalidation was not confirmed by the cache (it was unreachable),
// a view served *from the cache* may be stale for up to the TTL (plus a message's flight) after the
// acknowledgement. Every excused stale read is counted and its staleness (read start minus
// acknowledgement) reported.
// An acknowledged event that is not in the database at the end (lost to a write-behind crash, or a
// durability violation) is left to acked-events-durable: no view is expected to show it.
// Does not verify: other clients' writes (no promise is made about them), or that the view's content
// matches the events (view-equals-fold does).
import { describeView } from '../../models/readmodel/view.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import type { Violation } from '../violation.js';
import { isRead, type AckedAppend, type ReadModelHistory } from './history.js';

export interface StalenessInput {
  history: ReadModelHistory;
  /** Event ids in the database's final table: an acknowledged event lost since (acked-events-durable judges that) is not expected in a view. */
  stored: ReadonlySet<string>;
  cacheAside: boolean;
  /** cacheTtlMicros plus the network's latencyMicrosMax. */
  excuseMicros: Micros;
}

export interface Staleness {
  /** Stale reads the cache-aside excuse covered. */
  excused: number;
  /** The largest excused staleness. */
  staleMicrosMax: Micros;
}

const VIOLATIONS_MAX = 5;

export function noStaleRead(input: StalenessInput): { violations: Violation[]; staleness: Staleness } {
  const violations: Violation[] = [];
  const staleness: Staleness = { excused: 0, staleMicrosMax: 0 };
  for (const [process, ops] of input.history.byProcess) {
    const own = new Map<string, AckedAppend>();
    for (const op of ops) {
      if (!isRead(op)) {
        if (input.stored.has(op.id)) own.set(op.aggregate, op);
        continue;
      }
      const last = own.get(op.aggregate);
      if (last === undefined || last.ackedMicros > op.invokedMicros || op.view.seq >= last.seq) continue;
      const lagMicros = op.invokedMicros - last.ackedMicros;
      if (input.cacheAside && op.source === 'cache' && !last.invalidated && lagMicros <= input.excuseMicros) {
        staleness.excused++;
        staleness.staleMicrosMax = Math.max(staleness.staleMicrosMax, lagMicros);
        continue;
      }
      if (violations.length >= VIOLATIONS_MAX) continue;
      const why = op.source === 'cache' ? (last.invalidated ? 'though the cache had confirmed the invalidation' : `more than the TTL excuse (${formatMicros(input.excuseMicros)}) after it`) : 'no cache was involved';
      violations.push({ property: 'no-stale-read', kind: 'correctness', atMicros: op.completedMicros, message: `c${process + 1} read ${op.aggregate} at ${formatMicros(op.invokedMicros)} and got ${describeView(op.view)} (from the ${op.source}), but its own event ${last.id} (seq ${last.seq}) had been acknowledged at ${formatMicros(last.ackedMicros)}: stale by ${formatMicros(lagMicros)}, ${why}` });
    }
  }
  return { violations, staleness };
}

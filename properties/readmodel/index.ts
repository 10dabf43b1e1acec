// The read-model properties, run together over one finished run: pure functions of the clients'
// history, the durable final state (the database's event table recovered from its disk) and the views
// the nodes hold at the end, with the recorder's timeline for times and explanations. See each file's
// header for what it does not verify.
import type { View } from '../../models/readmodel/view.js';
import type { TimedFault } from '../../sim/faults.js';
import type { HistoryEvent } from '../../sim/history.js';
import type { Micros } from '../../sim/time.js';
import type { Violation } from '../violation.js';
import { ackedEventsDurable, type LossWindow } from './durability.js';
import { readHistory } from './history.js';
import type { ReadModelRecorder } from './recorder.js';
import { noStaleRead, type Staleness } from './staleness.js';
import { viewEqualsFold, type StoredEvent } from './views.js';

export { ReadModelRecorder } from './recorder.js';
export type { LossWindow } from './durability.js';
export type { StoredEvent } from './views.js';

export const readModelProperties = [
  { name: 'acked-events-durable', description: 'write-through: every acknowledged event is in the database after any crash; write-behind: only a crash of the application loses acknowledged events, and its loss window stays within writeDelayMicros + one batch (reported per run)' },
  { name: 'view-equals-fold', description: 'after the quiet period, and after every cold-start rebuild, each view equals the fold of the database’s events: no event skipped or applied twice' },
  { name: 'no-stale-read', description: 'a client’s read started after its own append was acknowledged shows that event (cache-aside: except from the cache within the TTL when the invalidation went unconfirmed); staleness reported' },
] as const;

export interface ReadModelCheckInput {
  history: readonly HistoryEvent[];
  table: readonly StoredEvent[];
  finalViews: { holder: string; views: ReadonlyMap<string, View> | null }[];
  faults: readonly TimedFault[];
  recorder: ReadModelRecorder;
  app: string;
  database: string;
  persistence: 'write-through' | 'write-behind';
  writeDelayMicros: Micros;
  storeTimeoutMicros: Micros;
  cacheAside: boolean;
  excuseMicros: Micros;
}

export interface ReadModelJudgement {
  violations: Violation[];
  windows: LossWindow[];
  lost: number;
  acked: number;
  reads: number;
  staleness: Staleness;
}

export function checkReadModel(input: ReadModelCheckInput): ReadModelJudgement {
  const history = readHistory(input.history);
  const stored = new Set(input.table.map((each) => each.event.id));
  const durable = ackedEventsDurable({ acked: history.acked, stored, faults: input.faults, app: input.app, database: input.database, persistence: input.persistence, writeDelayMicros: input.writeDelayMicros, storeTimeoutMicros: input.storeTimeoutMicros, recorder: input.recorder });
  const views = viewEqualsFold({ table: input.table, finalViews: input.finalViews, recorder: input.recorder });
  const stale = noStaleRead({ history, stored, cacheAside: input.cacheAside, excuseMicros: input.excuseMicros });
  return {
    violations: [...durable.violations, ...views, ...stale.violations],
    windows: durable.windows,
    lost: durable.lost,
    acked: history.acked.length,
    reads: history.reads.length,
    staleness: stale.staleness,
  };
}

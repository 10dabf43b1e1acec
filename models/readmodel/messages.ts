// Messages between the clients, the application node, the database, the projection worker and the
// cache. Each request names its reply by `requestId` (unique per sender), so late and duplicate replies
// are recognised and dropped.
import type { ReadModelEvent, View } from './view.js';

/** One aggregate's events in a store request, in sequence order: appended with expected version firstSeq − 1. */
export interface StoreGroup {
  aggregate: string;
  events: ReadModelEvent[];
}

export type StoreOutcome = { aggregate: string; ok: true } | { aggregate: string; ok: false; detail: string };

export type ReadModelMessage =
  // client ↔ application
  | { type: 'append'; requestId: number; event: { id: string; aggregate: string; amount: number } }
  | { type: 'appended'; requestId: number; seq: number; invalidated: boolean }
  | { type: 'read'; requestId: number; aggregate: string; minSeq: number }
  | { type: 'viewIs'; requestId: number; view: View; source: string }
  | { type: 'refused'; requestId: number; reason: string; indeterminate: boolean }
  // application ↔ database
  | { type: 'hello'; epoch: number }
  | { type: 'welcome'; epoch: number }
  | { type: 'store'; requestId: number; epoch: number; groups: StoreGroup[] }
  | { type: 'stored'; requestId: number; outcomes: StoreOutcome[] }
  | { type: 'fenced'; requestId: number; epoch: number }
  | { type: 'load'; requestId: number; aggregate: string }
  | { type: 'loaded'; requestId: number; aggregate: string; events: ReadModelEvent[] }
  // projection worker ↔ database
  | { type: 'poll'; requestId: number; afterPosition: number; max: number }
  | { type: 'polled'; requestId: number; events: { position: number; event: ReadModelEvent }[]; throughPosition: number; committedPosition: number }
  // application ↔ projection worker
  | { type: 'readView'; requestId: number; aggregate: string; minSeq: number }
  | { type: 'viewRead'; requestId: number; view: View }
  // application ↔ cache
  | { type: 'cacheGet'; requestId: number; key: string }
  | { type: 'cacheHit'; requestId: number; view: View }
  | { type: 'cacheMiss'; requestId: number; lease: number }
  | { type: 'cacheFill'; key: string; view: View; lease: number }
  | { type: 'cacheInvalidate'; requestId: number; key: string }
  | { type: 'cacheInvalidated'; requestId: number };

// Events and views. An event belongs to one aggregate (an order or a customer) and carries the
// aggregate's sequence number (1, 2, … assigned by the application) and an amount; a view is the fold
// of an aggregate's events in sequence order: the last sequence number, how many events, their total.
// A view that skipped an event or applied one twice differs from the fold (count ≠ seq, or the total).
import { fail } from '../../sim/assert.js';

export interface ReadModelEvent {
  /** Unique per run: `<client>-<n>`. The database's idempotency key. */
  id: string;
  aggregate: string;
  seq: number;
  amount: number;
}

export interface View {
  seq: number;
  count: number;
  total: number;
}

export const emptyView: View = { seq: 0, count: 0, total: 0 };

/** The view after one more event. Events must come in sequence order; anything else is a programmer error. */
export function applyEvent(view: View, event: ReadModelEvent): View {
  if (event.seq !== view.seq + 1) fail(`view of ${event.aggregate}: event ${event.id} has seq ${event.seq}, expected ${view.seq + 1}`);
  return { seq: event.seq, count: view.count + 1, total: view.total + event.amount };
}

/** The view of events given in sequence order (a projection's view must equal this). */
export function foldEvents(events: readonly ReadModelEvent[]): View {
  let view = emptyView;
  for (const event of events) view = { seq: event.seq, count: view.count + 1, total: view.total + event.amount };
  return view;
}

export function sameView(a: View, b: View): boolean {
  return a.seq === b.seq && a.count === b.count && a.total === b.total;
}

export function describeView(view: View): string {
  return `seq ${view.seq}, ${view.count} events, total ${view.total}`;
}

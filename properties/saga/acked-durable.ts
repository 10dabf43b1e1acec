// acked-orders-durable: an order the coordinator acknowledged to the customer is never forgotten by a
// coordinator restart — every restart's recovered decision log holds every order acknowledged before
// it, and so does the log a restart would recover at the end of the run.
// Does not verify: what happens to the saga afterwards (atomicity and liveness do).
import type { Violation } from '../violation.js';
import { formatMicros } from '../../sim/time.js';
import { describeOrder, type ExplainContext } from './explain.js';
import type { OrderView } from './orders.js';

const VIOLATIONS_MAX = 5;

export function ackedOrdersDurable(views: readonly OrderView[], coordinator: string, context: ExplainContext): Violation[] {
  const violations: Violation[] = [];
  const restarts = context.recorder.recoveries.filter((recovery) => recovery.node === coordinator);
  for (const view of views) {
    if (violations.length >= VIOLATIONS_MAX) break;
    const acked = view.ackedMicros;
    if (acked === null) continue;
    const forgot = restarts.find((recovery) => recovery.atMicros > acked && !recovery.known.has(view.id));
    if (forgot !== undefined) {
      violations.push({ property: 'acked-orders-durable', kind: 'correctness', atMicros: forgot.atMicros, message: `order ${view.id}, acknowledged to ${view.order?.customer ?? 'its customer'} at ${formatMicros(acked)}, was forgotten by the coordinator's restart at ${formatMicros(forgot.atMicros)}: ${describeOrder(view, context)}` });
    } else if (view.saga === null) {
      violations.push({ property: 'acked-orders-durable', kind: 'correctness', message: `order ${view.id}, acknowledged at ${formatMicros(acked)}, is missing from the coordinator's decision log at the end of the run: ${describeOrder(view, context)}` });
    }
  }
  return violations;
}

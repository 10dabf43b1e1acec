// notification: exactly one confirmation per completed order and one failure notice per compensated
// order (a withdrawn confirmation does not count); none for an order still open or unknown to the
// coordinator; and a failure notice is sent only once every compensation of the order has been applied
// (told "your order failed" while the refund is still to come is a notice for an open order).
// Does not verify: what the notices say.
import type { Violation } from '../violation.js';
import { formatMicros } from '../../sim/time.js';
import { describeOrder, type ExplainContext } from './explain.js';
import type { OrderView } from './orders.js';

const VIOLATIONS_MAX = 5;

export function notification(views: readonly OrderView[], context: ExplainContext): Violation[] {
  const violations: Violation[] = [];
  for (const view of views) {
    if (violations.length >= VIOLATIONS_MAX) break;
    const problem = notificationProblem(view, context);
    if (problem === null) continue;
    violations.push({ property: 'notification', kind: 'correctness', message: `${problem.message}: ${describeOrder(view, context)}`, ...(problem.atMicros !== undefined ? { atMicros: problem.atMicros } : {}) });
  }
  return violations;
}

function notificationProblem(view: OrderView, context: ExplainContext): { message: string; atMicros?: number } | null {
  const counts = view.counts;
  const confirmed = counts.confirmations - counts.retractions;
  const phase = view.saga?.phase ?? null;
  if (phase === 'completed') {
    if (counts.confirmations !== 1 || confirmed !== 1 || counts.failureNotices !== 0) return { message: `completed order ${view.id} got ${counts.confirmations} confirmation(s) (${counts.retractions} withdrawn) and ${counts.failureNotices} failure notice(s), not exactly one confirmation` };
  } else if (phase === 'compensated') {
    if (counts.failureNotices !== 1 || confirmed !== 0) return { message: `compensated order ${view.id} got ${counts.failureNotices} failure notice(s) and ${confirmed} standing confirmation(s), not exactly one failure notice` };
  } else if (confirmed !== 0 || counts.failureNotices !== 0) {
    return { message: `order ${view.id} is ${phase === null ? 'unknown to the coordinator' : `still ${phase}`} but the customer got ${confirmed} confirmation(s) and ${counts.failureNotices} failure notice(s)` };
  }
  // Time: a failure notice sent before an effect of the order that it should have followed.
  const timeline = context.recorder.entriesOf(view.id);
  const notice = timeline.find((entry) => entry.action === 'notifyFailure' && entry.outcome === 'ok');
  if (notice === undefined) return null;
  const later = timeline.find((entry) => entry.action !== null && entry.action !== 'notifyFailure' && entry.outcome === 'ok' && entry.effect > 0 && entry.atMicros > notice.atMicros);
  if (later === undefined) return null;
  return { message: `order ${view.id}: the customer was sent its failure notice at ${formatMicros(notice.atMicros)}, while the order was still open (${later.text} at ${formatMicros(later.atMicros)})`, atMicros: notice.atMicros };
}

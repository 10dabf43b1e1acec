// atomicity: after the quiet period every saga is *completed* (every step applied once, nothing undone)
// or *compensated* (every applied step undone once), never left between and never both; and the
// coordinator's verdict agrees with what the services' durable ledgers show.
// Does not verify: when things happened (notification and liveness do), or money and stock totals
// (conservation does).
import type { Violation } from '../violation.js';
import { describeOrder, type ExplainContext } from './explain.js';
import { completedShape, compensatedShape, type OrderView } from './orders.js';

const VIOLATIONS_MAX = 5;

export function atomicity(views: readonly OrderView[], context: ExplainContext): Violation[] {
  const violations: Violation[] = [];
  for (const view of views) {
    if (violations.length >= VIOLATIONS_MAX) break;
    const problem = atomicityProblem(view);
    if (problem === null) continue;
    const at = context.recorder.entriesOf(view.id).at(-1)?.atMicros;
    violations.push({ property: 'atomicity', kind: 'correctness', message: `${problem}: ${describeOrder(view, context)}`, ...(at !== undefined ? { atMicros: at } : {}) });
  }
  return violations;
}

export function atomicityProblem(view: OrderView): string | null {
  const completed = completedShape(view.counts);
  const compensated = compensatedShape(view.counts);
  const phase = view.saga?.phase ?? null;
  if (phase === 'completed') return completed ? null : 'the coordinator completed a saga whose steps were not each applied exactly once';
  if (phase === 'compensated') return compensated ? null : 'the coordinator compensated a saga whose applied steps were not each undone exactly once';
  // Open, or unknown to the coordinator: effects that match neither end (a saga that never took effect
  // matches "compensated": nothing applied, nothing undone) are left between. Being open is liveness's.
  if (completed || compensated) return null;
  return phase === null ? 'a saga left between completed and compensated, unknown to the coordinator' : `a saga left between completed and compensated (still ${phase})`;
}

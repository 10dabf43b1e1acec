// liveness: every saga that started — placed in the decision log, acknowledged, or with any entry in a
// service's ledger — has ended (completed or compensated) by the end of the run, and within
// `boundMicros` of the final heal (or of its own start, if it started later).
// Does not verify: that it ended correctly (atomicity does).
import type { Violation } from '../violation.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import { describeOrder, type ExplainContext } from './explain.js';
import type { OrderView } from './orders.js';

const VIOLATIONS_MAX = 5;

export function sagaLiveness(views: readonly OrderView[], healedMicros: Micros, boundMicros: Micros, endMicros: Micros, context: ExplainContext): Violation[] {
  const violations: Violation[] = [];
  for (const view of views) {
    if (violations.length >= VIOLATIONS_MAX) break;
    const timeline = context.recorder.entriesOf(view.id);
    const started = view.saga !== null || view.ackedMicros !== null || view.entries.length > 0;
    if (!started) continue;
    const startMicros = timeline[0]?.atMicros ?? view.ackedMicros ?? 0;
    const deadline = Math.max(healedMicros, startMicros) + boundMicros;
    const phase = view.saga?.phase ?? null;
    if (phase !== 'completed' && phase !== 'compensated') {
      if (endMicros < deadline) continue; // the run ended before its bound: nothing to judge
      violations.push({ property: 'liveness', kind: 'liveness', atMicros: deadline, message: `saga ${view.id} had not ended ${formatMicros(boundMicros)} after the heal at ${formatMicros(healedMicros)} (${phase === null ? 'the coordinator does not know it' : `still ${phase}`}): ${describeOrder(view, context)}` });
      continue;
    }
    const ended = context.recorder.ends.get(view.id);
    if (ended !== undefined && ended.atMicros > deadline) {
      violations.push({ property: 'liveness', kind: 'liveness', atMicros: ended.atMicros, message: `saga ${view.id} ended (${ended.outcome}) at ${formatMicros(ended.atMicros)}, more than ${formatMicros(boundMicros)} after the heal at ${formatMicros(healedMicros)}: ${describeOrder(view, context)}` });
    }
  }
  return violations;
}

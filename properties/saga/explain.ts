// One order in words a person reads in a minute: what was ordered, when it was acknowledged, where the
// coordinator's saga stands, what each service applied and undone and when, and the faults around it.
import { describeFault, isInjected, type TimedFault } from '../../sim/faults.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import { describeCounts, type OrderView } from './orders.js';
import type { SagaRecorder } from './recorder.js';

const TIMELINE_MAX = 14;
const FAULTS_MAX = 6;
/** Faults this long before an order's first event count as "around" it (a step timeout is 15–60 s). */
const FAULTS_BEFORE_MICROS = 120_000_000;

export interface ExplainContext {
  recorder: SagaRecorder;
  faults: readonly TimedFault[];
}

export function describeOrder(view: OrderView, context: ExplainContext): string {
  const order = view.order;
  const what = order === null ? `order ${view.id}` : `order ${view.id} (${order.customer}: ${order.quantity} × ${order.product} for ${order.amount} from ${order.account})`;
  const acked = view.ackedMicros === null ? 'never acknowledged' : `acknowledged at ${formatMicros(view.ackedMicros)}`;
  const saga = view.saga === null ? 'not in the coordinator’s decision log' : `coordinator: ${view.saga.phase}${view.saga.reason !== '' ? ` (${view.saga.reason})` : ''}`;
  const timeline = context.recorder.entriesOf(view.id);
  const shown = timeline.slice(0, TIMELINE_MAX).map((entry) => `${formatMicros(entry.atMicros)} ${entry.text}`);
  if (timeline.length > TIMELINE_MAX) shown.push(`… ${timeline.length - TIMELINE_MAX} more`);
  const first = timeline[0]?.atMicros ?? view.ackedMicros ?? 0;
  const last = timeline.at(-1)?.atMicros ?? first;
  return `${what}, ${acked}, ${saga}; ledgers: ${describeCounts(view.counts)}; timeline: ${shown.length > 0 ? shown.join('; ') : 'none'}; faults around it: ${faultsAround(context.faults, first, last)}`;
}

function faultsAround(faults: readonly TimedFault[], fromMicros: Micros, toMicros: Micros): string {
  const near = faults.filter((timed) => isInjected(timed.fault) && timed.atMicros >= fromMicros - FAULTS_BEFORE_MICROS && timed.atMicros <= toMicros + 5_000_000);
  if (near.length === 0) return 'none';
  const shown = near.slice(-FAULTS_MAX).map((timed) => `${formatMicros(timed.atMicros)} ${describeFault(timed.fault)}`);
  return `${near.length > FAULTS_MAX ? `… ${near.length - FAULTS_MAX} earlier, ` : ''}${shown.join(', ')}`;
}

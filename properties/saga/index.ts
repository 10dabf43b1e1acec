// The saga properties, run together over one finished run: pure functions of the customers' history,
// the durable final state (the coordinator's decision log and each service's ledger, recovered from
// their disks) and the recorder's timeline (for times and explanations). See each file's header for
// what it does not verify.
import type { TimedFault } from '../../sim/faults.js';
import type { HistoryEvent } from '../../sim/history.js';
import type { Micros } from '../../sim/time.js';
import type { Violation } from '../violation.js';
import { ackedOrdersDurable } from './acked-durable.js';
import { atomicity } from './atomicity.js';
import { conservation } from './conservation.js';
import { sagaLiveness } from './liveness.js';
import { notification } from './notification.js';
import { orderViews, type OrderView, type SagaFinal } from './orders.js';
import type { SagaRecorder } from './recorder.js';

export { SagaRecorder } from './recorder.js';
export { orderViews, type OrderView, type SagaFinal } from './orders.js';

export const sagaProperties = [
  { name: 'atomicity', description: 'after the quiet period every saga is completed (every step applied once) or compensated (every applied step undone once), never between, never both' },
  { name: 'conservation', description: 'available + reserved + shipped stock is constant per product; balance + captured − refunded is constant per account; no order charged twice, refunded without a charge, or refunded more than its charge' },
  { name: 'notification', description: 'exactly one confirmation per completed order, one failure notice per compensated order (sent after its compensations), none for an open order' },
  { name: 'acked-orders-durable', description: 'an order the coordinator acknowledged is never forgotten by a coordinator restart' },
  { name: 'liveness', description: 'every saga that started ends within saga.livenessBoundMicros after the final heal' },
] as const;

export interface SagaCheckInput {
  history: readonly HistoryEvent[];
  final: SagaFinal;
  recorder: SagaRecorder;
  faults: readonly TimedFault[];
  coordinator: string;
  healedMicros: Micros;
  livenessBoundMicros: Micros;
  endMicros: Micros;
}

export interface SagaJudgement {
  violations: Violation[];
  views: OrderView[];
}

export function checkSaga(input: SagaCheckInput): SagaJudgement {
  const views = orderViews(input.history, input.final);
  const context = { recorder: input.recorder, faults: input.faults };
  const violations = [
    ...atomicity(views, context),
    ...conservation(views, input.final, context),
    ...notification(views, context),
    ...ackedOrdersDurable(views, input.coordinator, context),
    ...sagaLiveness(views, input.healedMicros, input.livenessBoundMicros, input.endMicros, context),
  ];
  return { violations, views };
}

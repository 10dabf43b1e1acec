// The coordinator's decision log: one stream per order in the coordinator's log store, one event per
// decision, each appended with the exact expected version (a second writer of one saga is refused).
// A saga's state is a fold of its decisions, so recovery after a crash or power loss is "read the log":
//   placed {order}                      → forward, step 0 (reserve)
//   stepOk {step}                       → the next step, or completed after the confirmation
//   rollback {step, reason, plan}       → compensating, the plan's first compensation
//   compensated {action, outcome}       → the plan's next compensation, or compensated after the last
import { fail } from '../../sim/assert.js';
import type { EventData } from '../logstore/index.js';
import { forwardSteps, type Action, type Order, type Step } from './order.js';

export type DecisionRecord =
  | { kind: 'placed'; order: Order }
  | { kind: 'stepOk'; step: Step }
  | { kind: 'rollback'; step: Step; reason: string; plan: Action[] }
  | { kind: 'compensated'; action: Action; outcome: string };

export type Phase = 'forward' | 'compensating' | 'completed' | 'compensated';

export interface SagaState {
  readonly order: Order;
  readonly phase: Phase;
  /** Forward: the step in progress (0..3). Compensating: the step that failed. */
  readonly stepIndex: number;
  readonly plan: readonly Action[];
  readonly planIndex: number;
  /** Decisions recorded: the stream version. */
  readonly version: number;
  readonly reason: string;
}

export function isTerminal(saga: SagaState): boolean {
  return saga.phase === 'completed' || saga.phase === 'compensated';
}

/** The action the saga is waiting on, or null once it has ended. */
export function currentAction(saga: SagaState): Action | null {
  if (saga.phase === 'forward') return forwardSteps[saga.stepIndex] as Step;
  if (saga.phase === 'compensating') return saga.plan[saga.planIndex] as Action;
  return null;
}

export function newSaga(order: Order): SagaState {
  return { order, phase: 'forward', stepIndex: 0, plan: [], planIndex: 0, version: 0, reason: '' };
}

/** The saga after one more decision. Records that do not fit its phase are a programmer error. */
export function applyDecision(saga: SagaState, record: DecisionRecord): SagaState {
  const version = saga.version + 1;
  switch (record.kind) {
    case 'placed':
      return { ...saga, version };
    case 'stepOk': {
      if (saga.phase !== 'forward' || forwardSteps[saga.stepIndex] !== record.step) fail(`decision log of ${saga.order.id}: stepOk ${record.step} in phase ${saga.phase} at step ${saga.stepIndex}`);
      const stepIndex = saga.stepIndex + 1;
      return { ...saga, version, stepIndex, phase: stepIndex === forwardSteps.length ? 'completed' : 'forward' };
    }
    case 'rollback':
      return { ...saga, version, phase: 'compensating', plan: record.plan, planIndex: 0, reason: `${record.step}: ${record.reason}` };
    case 'compensated': {
      const planIndex = saga.planIndex + 1;
      return { ...saga, version, planIndex, phase: planIndex === saga.plan.length ? 'compensated' : 'compensating' };
    }
  }
}

export function decisionEvent(orderId: string, version: number, record: DecisionRecord): EventData {
  return { id: `${orderId}#${version}`, type: record.kind, data: record };
}

/** Every saga in a decision log (read in log order), by order id. */
export function foldDecisions(events: readonly { streamId: string; data: unknown }[]): Map<string, SagaState> {
  const sagas = new Map<string, SagaState>();
  for (const event of events) {
    const record = event.data as DecisionRecord;
    const saga = record.kind === 'placed' ? newSaga(record.order) : sagas.get(event.streamId);
    if (saga === undefined) fail(`decision log: ${record.kind} for ${event.streamId} before it was placed`);
    sagas.set(event.streamId, applyDecision(saga, record));
  }
  return sagas;
}

export function describeDecision(record: DecisionRecord): string {
  switch (record.kind) {
    case 'placed':
      return 'placed';
    case 'stepOk':
      return `${record.step} ok`;
    case 'rollback':
      return `rollback at ${record.step} (${record.reason}): ${record.plan.join(', ')}`;
    case 'compensated':
      return `${record.action} ${record.outcome}`;
  }
}

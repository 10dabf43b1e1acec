// What the saga nodes report while they run, so properties can say *when* something happened (a
// charge applied twice, a customer notified before the refund): the models call it and never read it
// back, so it cannot change their behaviour. The verdicts themselves come from the durable final state.
import type { Action } from './order.js';

export interface SagaObserver {
  /** A service made a ledger entry durable (or, for `aborted`, refused a step its compensation overtook). */
  applied(node: string, orderId: string, action: Action, outcome: string, effect: number): void;
  /** The coordinator acted on a decision record (`placed`, `stepOk reserve`, `rollback …`, `compensated …`). */
  decided(orderId: string, decision: string): void;
  /** A coordinator incarnation read its decision log: every order it knows, and those it resumes. */
  recovered(node: string, known: readonly string[], resumed: readonly string[]): void;
  ended(orderId: string, outcome: 'completed' | 'compensated'): void;
}

export const nullSagaObserver: SagaObserver = {
  applied: () => undefined,
  decided: () => undefined,
  recovered: () => undefined,
  ended: () => undefined,
};

// The order saga's vocabulary: an order, the four forward steps of the seed's Order Processing Saga
// (seeds/003), the compensation that undoes each, which service runs each action, and the idempotency
// key every request carries (one per order and action, so a retry or a duplicate names the same work).
import type { Micros } from '../../sim/time.js';

export const INVENTORY = 'inventory';
export const PAYMENT = 'payment';
export const NOTIFICATION = 'notification';
export const COORDINATOR = 'coordinator';
export const serviceNames = [INVENTORY, PAYMENT, NOTIFICATION] as const;
export type ServiceName = (typeof serviceNames)[number];

/** 1. reserve inventory · 2. process payment · 3. update inventory (ship the reservation) · 4. send confirmation. */
export const forwardSteps = ['reserve', 'payment', 'update', 'confirm'] as const;
export type Step = (typeof forwardSteps)[number];

export const compensationOf = { reserve: 'release', payment: 'refund', update: 'restock', confirm: 'retract' } as const;
export type Compensation = (typeof compensationOf)[Step] | 'notifyFailure';
export type Action = Step | Compensation;
export const actions: readonly Action[] = [...forwardSteps, 'release', 'refund', 'restock', 'retract', 'notifyFailure'];

export const serviceOf: Readonly<Record<Action, ServiceName>> = {
  reserve: INVENTORY,
  update: INVENTORY,
  restock: INVENTORY,
  release: INVENTORY,
  payment: PAYMENT,
  refund: PAYMENT,
  confirm: NOTIFICATION,
  retract: NOTIFICATION,
  notifyFailure: NOTIFICATION,
};

/** The forward step whose policy (timeout) a compensation borrows: it goes to the same service. */
export const stepOfAction: Readonly<Record<Action, Step>> = {
  reserve: 'reserve',
  payment: 'payment',
  update: 'update',
  confirm: 'confirm',
  release: 'reserve',
  refund: 'payment',
  restock: 'update',
  retract: 'confirm',
  notifyFailure: 'confirm',
};

export interface Order {
  /** `<customer>-<n>`: unique per run. */
  id: string;
  customer: string;
  account: string;
  product: string;
  quantity: number;
  /** quantity × the product's price. */
  amount: number;
}

export function idempotencyKey(orderId: string, action: Action): string {
  return `${orderId}/${action}`;
}

/**
 * The compensations for a saga that failed at forward step `failedIndex` (that step included: it may
 * have taken effect even if its reply never came), in reverse step order, then the customer's failure
 * notice. `stepOrder` is the planted bug's order (the seed's list read literally: release, refund…).
 */
export function compensationPlan(failedIndex: number, stepOrder: boolean): Action[] {
  const begun = forwardSteps.slice(0, failedIndex + 1).map((step) => compensationOf[step] as Action);
  if (!stepOrder) begun.reverse();
  return [...begun, 'notifyFailure'];
}

export interface StepPolicy {
  timeoutMicros: Micros;
  /** Attempts after the first: the seed's "Retry: 3x". */
  retries: number;
}

// Messages between customers, the coordinator and the services. A request's `type` is its action, so
// the trace reads `reserve from coordinator`, `refund from coordinator`, `reply from payment`.
import type { Action, Order } from './order.js';

export type Outcome = 'ok' | 'refused' | 'aborted';

export interface ServiceRequest {
  type: Action;
  order: Order;
  key: string;
  attempt: number;
}

export type SagaMessage =
  | { type: 'placeOrder'; order: Order }
  | { type: 'orderAccepted'; orderId: string }
  | ServiceRequest
  | { type: 'reply'; orderId: string; action: Action; outcome: Outcome; detail: string };

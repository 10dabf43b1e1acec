// What each service decides for a request it has not seen before (a retry or duplicate of a known
// idempotency key never gets here unless a dedup bug is planted). Business rules: a reservation needs
// the stock to be available now, a charge needs the balance; concurrent orders compete for both.
// A forward step that arrives after its compensation (a late retry or duplicate) is refused as
// `aborted` — otherwise a reservation released before it was made would be made afterwards, forever.
import type { ServiceRequest } from './messages.js';
import { effectOf, hasEntry, reservationOf, type ServiceState } from './ledger.js';
import { INVENTORY, PAYMENT, type ServiceName } from './order.js';

export type Decision = { kind: 'record'; outcome: 'ok' | 'refused'; target: string; delta: number; effect: number; detail: string } | { kind: 'abort'; detail: string };

const ok = (target: string, delta: number, effect: number, detail: string): Decision => ({ kind: 'record', outcome: 'ok', target, delta, effect, detail });
const refused = (target: string, detail: string): Decision => ({ kind: 'record', outcome: 'refused', target, delta: 0, effect: 0, detail });

export function decide(service: ServiceName, state: ServiceState, request: ServiceRequest, bugs: ReadonlySet<string>): Decision {
  if (service === INVENTORY) return decideInventory(state, request);
  if (service === PAYMENT) return decidePayment(state, request, bugs);
  return decideNotification(state, request);
}

function decideInventory(state: ServiceState, request: ServiceRequest): Decision {
  const { order } = request;
  const entries = state.orders.get(order.id);
  const reservation = reservationOf(entries ?? []);
  switch (request.type) {
    case 'reserve': {
      if (hasEntry(entries, 'release')) return { kind: 'abort', detail: 'already released' };
      const available = state.counters.get(order.product) ?? 0;
      if (available < order.quantity) return refused(order.product, `only ${available} of ${order.product} available, ${order.quantity} asked`);
      return ok(order.product, -order.quantity, order.quantity, `reserved ${order.quantity} × ${order.product}`);
    }
    case 'update':
      if (hasEntry(entries, 'restock') || hasEntry(entries, 'release')) return { kind: 'abort', detail: 'already compensated' };
      if (reservation.state !== 'reserved') return refused(order.product, `no reservation to ship (${reservation.state})`);
      return ok(order.product, 0, reservation.quantity, `shipped ${reservation.quantity} × ${order.product}`);
    case 'restock':
      if (reservation.state !== 'shipped') return ok(order.product, 0, 0, `nothing shipped (${reservation.state})`);
      return ok(order.product, 0, reservation.quantity, `took back ${reservation.quantity} × ${order.product}`);
    case 'release':
      if (reservation.state !== 'reserved') return ok(order.product, 0, 0, `nothing reserved (${reservation.state})`);
      return ok(order.product, reservation.quantity, reservation.quantity, `released ${reservation.quantity} × ${order.product}`);
    default:
      return { kind: 'abort', detail: `inventory does not do ${request.type}` };
  }
}

function decidePayment(state: ServiceState, request: ServiceRequest, bugs: ReadonlySet<string>): Decision {
  const { order } = request;
  const entries = state.orders.get(order.id);
  const charged = effectOf(entries, 'payment');
  switch (request.type) {
    case 'payment': {
      if (hasEntry(entries, 'refund')) return { kind: 'abort', detail: 'already refunded' };
      const balance = state.counters.get(order.account) ?? 0;
      if (balance < order.amount) return refused(order.account, `declined: balance ${balance} < ${order.amount}`);
      return ok(order.account, -order.amount, order.amount, `charged ${order.amount} to ${order.account}`);
    }
    case 'refund': {
      // The planted bug refunds the order's charge again on every delivery, whatever was refunded before.
      const due = bugs.has('non-idempotent-refund') ? charged : charged - effectOf(entries, 'refund');
      if (due <= 0) return ok(order.account, 0, 0, 'nothing to refund');
      return ok(order.account, due, due, `refunded ${due} to ${order.account}`);
    }
    default:
      return { kind: 'abort', detail: `payment does not do ${request.type}` };
  }
}

function decideNotification(state: ServiceState, request: ServiceRequest): Decision {
  const entries = state.orders.get(request.order.id);
  switch (request.type) {
    case 'confirm':
      if (hasEntry(entries, 'retract')) return { kind: 'abort', detail: 'already retracted' };
      return ok('', 0, 1, 'confirmation sent');
    case 'retract':
      if (effectOf(entries, 'confirm') - effectOf(entries, 'retract') <= 0) return ok('', 0, 0, 'no confirmation to retract');
      return ok('', 0, 1, 'confirmation withdrawn');
    case 'notifyFailure':
      return ok('', 0, 1, 'failure notice sent');
    default:
      return { kind: 'abort', detail: `notification does not do ${request.type}` };
  }
}

/** Whether a service looks its dedup table up for this action (the planted bugs skip it). */
export function deduplicates(request: ServiceRequest, bugs: ReadonlySet<string>): boolean {
  if (request.type === 'payment' && bugs.has('no-dedup-on-retry')) return false;
  if (request.type === 'refund' && bugs.has('non-idempotent-refund')) return false;
  return true;
}

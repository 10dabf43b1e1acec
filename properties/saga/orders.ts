// The per-order view every saga checker reads: the order as the customer placed it (history), whether
// and when it was acknowledged, the coordinator's saga from its recovered decision log, and each
// service's durable ledger entries for it — plus counts of what was applied and undone, computed here
// from the entries alone (not with the model's own functions).
import type { SagaState } from '../../models/saga/decision-log.js';
import type { LedgerEntry, ServiceState } from '../../models/saga/ledger.js';
import type { Action, Order } from '../../models/saga/order.js';
import type { HistoryEvent } from '../../sim/history.js';
import type { Micros } from '../../sim/time.js';

export interface SagaFinal {
  /** The coordinator's decision log as a restart would recover it now. */
  sagas: ReadonlyMap<string, SagaState>;
  inventory: ServiceState;
  payment: ServiceState;
  notification: ServiceState;
  initialStock: ReadonlyMap<string, number>;
  initialBalance: ReadonlyMap<string, number>;
}

export interface OrderView {
  id: string;
  order: Order | null;
  ackedMicros: Micros | null;
  saga: SagaState | null;
  entries: readonly LedgerEntry[];
  counts: Counts;
}

export interface Counts {
  reserved: number;
  released: number;
  shipped: number;
  restocked: number;
  charges: number;
  charged: number;
  refunds: number;
  refunded: number;
  confirmations: number;
  retractions: number;
  failureNotices: number;
}

/** Every order anything knows of: invoked by a customer, in the decision log, or in a service ledger. */
export function orderViews(history: readonly HistoryEvent[], final: SagaFinal): OrderView[] {
  const views = new Map<string, OrderView>();
  const view = (id: string): OrderView => {
    let found = views.get(id);
    if (found === undefined) {
      found = { id, order: null, ackedMicros: null, saga: null, entries: [], counts: emptyCounts() };
      views.set(id, found);
    }
    return found;
  };
  for (const event of history) {
    if (event.f !== 'order') continue;
    const order = event.value as Order;
    const each = view(order.id);
    each.order = order;
    if (event.type === 'ok' && each.ackedMicros === null) each.ackedMicros = event.time;
  }
  for (const [id, saga] of final.sagas) {
    const each = view(id);
    each.saga = saga;
    each.order ??= saga.order;
  }
  for (const service of [final.inventory, final.payment, final.notification]) {
    for (const [id, entries] of service.orders) {
      const each = view(id);
      each.entries = [...each.entries, ...entries];
    }
  }
  for (const each of views.values()) each.counts = countsOf(each.entries);
  return [...views.values()];
}

function emptyCounts(): Counts {
  return { reserved: 0, released: 0, shipped: 0, restocked: 0, charges: 0, charged: 0, refunds: 0, refunded: 0, confirmations: 0, retractions: 0, failureNotices: 0 };
}

export function countsOf(entries: readonly LedgerEntry[]): Counts {
  const counts = emptyCounts();
  const effective: Partial<Record<Action, keyof Counts>> = { reserve: 'reserved', release: 'released', update: 'shipped', restock: 'restocked', payment: 'charges', refund: 'refunds', confirm: 'confirmations', retract: 'retractions', notifyFailure: 'failureNotices' };
  for (const entry of entries) {
    if (entry.outcome !== 'ok' || entry.effect <= 0) continue;
    const field = effective[entry.action];
    if (field !== undefined) counts[field]++;
    if (entry.action === 'payment') counts.charged += entry.effect;
    if (entry.action === 'refund') counts.refunded += entry.effect;
  }
  return counts;
}

/** Every step applied exactly once, nothing undone, no failure notice. */
export function completedShape(counts: Counts): boolean {
  return counts.reserved === 1 && counts.shipped === 1 && counts.charges === 1 && counts.confirmations === 1 && counts.released === 0 && counts.restocked === 0 && counts.refunds === 0 && counts.retractions === 0;
}

/** Every applied step (at most once each) undone exactly once. */
export function compensatedShape(counts: Counts): boolean {
  return (
    counts.reserved <= 1 && counts.shipped <= 1 && counts.charges <= 1 && counts.confirmations <= 1 &&
    counts.released === counts.reserved && counts.restocked === counts.shipped && counts.refunds === counts.charges && counts.refunded === counts.charged && counts.retractions === counts.confirmations
  );
}

export function nothingApplied(counts: Counts): boolean {
  return counts.reserved + counts.shipped + counts.charges + counts.confirmations + counts.released + counts.restocked + counts.refunds + counts.retractions + counts.failureNotices === 0;
}

/** `reserve ×1, payment ×2 (charged 80), release ×1 …`: what the ledgers show, for messages. */
export function describeCounts(counts: Counts): string {
  const parts: string[] = [];
  const add = (label: string, count: number, extra = ''): void => {
    if (count > 0) parts.push(`${label} ×${count}${extra}`);
  };
  add('reserved', counts.reserved);
  add('charged', counts.charges, ` (${counts.charged})`);
  add('shipped', counts.shipped);
  add('confirmed', counts.confirmations);
  add('confirmation withdrawn', counts.retractions);
  add('restocked', counts.restocked);
  add('refunded', counts.refunds, ` (${counts.refunded})`);
  add('released', counts.released);
  add('failure notice', counts.failureNotices);
  return parts.length > 0 ? parts.join(', ') : 'nothing applied';
}

// A service's durable state: a ledger of entries, one per applied request, kept as events in the
// service's own log store (models/logstore) — one stream per order, the event id being the request's
// idempotency key, so the store's durable id index is the service's dedup table and survives crashes.
// Counters (stock available per product, balance per account) are a fold of the entries' deltas.
// `foldLedger` is used by the running service after recovery and by the checker on the final disk.
import type { EventData } from '../logstore/index.js';
import type { Action } from './order.js';

export interface LedgerEntry {
  /** The request's idempotency key (the event id differs only under a planted dedup bug). */
  key: string;
  orderId: string;
  action: Action;
  outcome: 'ok' | 'refused';
  /** The product or account whose counter `delta` changes ('' for notifications). */
  target: string;
  delta: number;
  /** What the entry did: units reserved/shipped/restocked/released, money charged/refunded, 1 notice; 0: nothing (a no-op compensation). */
  effect: number;
}

export interface ServiceState {
  counters: Map<string, number>;
  /** Entries per order, in the order they were applied. */
  orders: Map<string, LedgerEntry[]>;
  /** The dedup table: idempotency key → its entry. */
  keys: Map<string, LedgerEntry>;
}

export function emptyState(initial: ReadonlyMap<string, number>): ServiceState {
  return { counters: new Map(initial), orders: new Map(), keys: new Map() };
}

export function applyEntry(state: ServiceState, entry: LedgerEntry): void {
  if (entry.delta !== 0) state.counters.set(entry.target, (state.counters.get(entry.target) ?? 0) + entry.delta);
  let entries = state.orders.get(entry.orderId);
  if (entries === undefined) {
    entries = [];
    state.orders.set(entry.orderId, entries);
  }
  entries.push(entry);
  state.keys.set(entry.key, entry);
}

export function entryEvent(entry: LedgerEntry, id: string): EventData {
  return { id, type: entry.action, data: [entry.orderId, entry.outcome, entry.target, entry.delta, entry.effect, entry.key] };
}

export function eventEntry(event: { type: string; data: unknown }): LedgerEntry {
  const [orderId, outcome, target, delta, effect, key] = event.data as [string, 'ok' | 'refused', string, number, number, string];
  return { key, orderId, action: event.type as Action, outcome, target, delta, effect };
}

export function foldLedger(events: readonly { type: string; data: unknown }[], initial: ReadonlyMap<string, number>): ServiceState {
  const state = emptyState(initial);
  for (const event of events) applyEntry(state, eventEntry(event));
  return state;
}

export type ReservationState = 'none' | 'reserved' | 'shipped' | 'released';

/** Where an order's stock stands, by its inventory entries in order. */
export function reservationOf(entries: readonly LedgerEntry[]): { state: ReservationState; quantity: number; product: string } {
  let state: ReservationState = 'none';
  let quantity = 0;
  let product = '';
  for (const entry of entries) {
    if (entry.outcome !== 'ok') continue;
    if (entry.action === 'reserve') {
      state = 'reserved';
      quantity = entry.effect;
      product = entry.target;
    } else if (entry.action === 'update' && entry.effect > 0) state = 'shipped';
    else if (entry.action === 'restock' && entry.effect > 0) state = 'reserved';
    else if (entry.action === 'release' && entry.effect > 0) state = 'released';
  }
  return { state, quantity, product };
}

/** Sum of effects of an order's ok entries of one action. */
export function effectOf(entries: readonly LedgerEntry[] | undefined, action: Action): number {
  let sum = 0;
  if (entries !== undefined) for (const entry of entries) if (entry.action === action && entry.outcome === 'ok') sum += entry.effect;
  return sum;
}

export function hasEntry(entries: readonly LedgerEntry[] | undefined, action: Action): boolean {
  return entries !== undefined && entries.some((entry) => entry.action === action);
}

// Proves each saga checker on hand-written final states: a completed and a compensated order pass, and
// each way a property can be broken (a saga left between, a double charge, an over-refund, stock
// created, a notice too many or too early, an acknowledged order forgotten, a saga that never ends)
// is reported by the property that owns it, naming the order.
import { describe, expect, it } from 'vitest';
import type { SagaState } from '../../models/saga/decision-log.js';
import { emptyState, applyEntry, type LedgerEntry, type ServiceState } from '../../models/saga/ledger.js';
import type { Action, Order } from '../../models/saga/order.js';
import type { HistoryEvent } from '../../sim/history.js';
import { checkSaga, SagaRecorder, type SagaFinal } from './index.js';

const SECOND = 1_000_000;
const order = (id: string, quantity = 2, amount = 40): Order => ({ id, customer: 'c1', account: 'a1', product: 'p1', quantity, amount });

interface Fixture {
  history: HistoryEvent[];
  sagas: Map<string, SagaState>;
  inventory: ServiceState;
  payment: ServiceState;
  notification: ServiceState;
  recorder: SagaRecorder;
  clock: { now: number };
}

function fixture(): Fixture {
  const clock = { now: 0 };
  return {
    history: [],
    sagas: new Map(),
    inventory: emptyState(new Map([['p1', 10]])),
    payment: emptyState(new Map([['a1', 100]])),
    notification: emptyState(new Map()),
    recorder: new SagaRecorder(() => clock.now),
    clock,
  };
}

function acked(f: Fixture, placed: Order, atMicros: number): void {
  f.history.push({ process: 0, type: 'invoke', f: 'order', value: placed, time: atMicros - 10 }, { process: 0, type: 'ok', f: 'order', value: placed, time: atMicros });
}

function entry(f: Fixture, atMicros: number, orderId: string, action: Action, effect: number, outcome: 'ok' | 'refused' = 'ok'): void {
  const service = action === 'reserve' || action === 'update' || action === 'restock' || action === 'release' ? f.inventory : action === 'payment' || action === 'refund' ? f.payment : f.notification;
  const target = service === f.inventory ? 'p1' : service === f.payment ? 'a1' : '';
  const delta = action === 'reserve' ? -effect : action === 'release' ? effect : action === 'payment' ? -effect : action === 'refund' ? effect : 0;
  const ledger: LedgerEntry = { key: `${orderId}/${action}`, orderId, action, outcome, target, delta, effect };
  applyEntry(service, ledger);
  f.clock.now = atMicros;
  f.recorder.applied(service === f.inventory ? 'inventory' : service === f.payment ? 'payment' : 'notification', orderId, action, outcome, effect);
}

function saga(f: Fixture, placed: Order, phase: SagaState['phase'], endMicros?: number): void {
  f.sagas.set(placed.id, { order: placed, phase, stepIndex: 0, plan: [], planIndex: 0, version: 1, reason: '' });
  if (endMicros !== undefined && (phase === 'completed' || phase === 'compensated')) {
    f.clock.now = endMicros;
    f.recorder.ended(placed.id, phase);
  }
}

function check(f: Fixture, healedMicros = 10 * SECOND) {
  const final: SagaFinal = { sagas: f.sagas, inventory: f.inventory, payment: f.payment, notification: f.notification, initialStock: new Map([['p1', 10]]), initialBalance: new Map([['a1', 100]]) };
  return checkSaga({ history: f.history, final, recorder: f.recorder, faults: [], coordinator: 'coordinator', healedMicros, livenessBoundMicros: 60 * SECOND, endMicros: 200 * SECOND }).violations;
}

function completed(f: Fixture, placed: Order, from: number): void {
  acked(f, placed, from);
  entry(f, from + 1, placed.id, 'reserve', placed.quantity);
  entry(f, from + 2, placed.id, 'payment', placed.amount);
  entry(f, from + 3, placed.id, 'update', placed.quantity);
  entry(f, from + 4, placed.id, 'confirm', 1);
  saga(f, placed, 'completed', from + 5);
}

function compensated(f: Fixture, placed: Order, from: number): void {
  acked(f, placed, from);
  entry(f, from + 1, placed.id, 'reserve', placed.quantity);
  entry(f, from + 2, placed.id, 'payment', 0, 'refused');
  entry(f, from + 3, placed.id, 'refund', 0);
  entry(f, from + 4, placed.id, 'release', placed.quantity);
  entry(f, from + 5, placed.id, 'notifyFailure', 1);
  saga(f, placed, 'compensated', from + 6);
}

const properties = (violations: { property: string }[]): string[] => [...new Set(violations.map((each) => each.property))].sort();

describe('saga properties', () => {
  it('hold for a completed and a compensated order', () => {
    const f = fixture();
    completed(f, order('c1-1'), 1_000);
    compensated(f, order('c1-2', 3, 200), 2_000);
    expect(check(f)).toEqual([]);
  });

  it('atomicity: a reservation left behind by a saga the coordinator does not know', () => {
    const f = fixture();
    acked(f, order('c1-1'), 1_000);
    entry(f, 1_001, 'c1-1', 'reserve', 2);
    const violations = check(f).filter((each) => each.property === 'atomicity');
    expect(violations).toHaveLength(1);
    expect(violations[0]?.message).toMatch(/^a saga left between completed and compensated, unknown to the coordinator: order c1-1 \(c1: 2 × p1 for 40 from a1\), acknowledged at 1\.0ms, not in the coordinator’s decision log; ledgers: reserved ×1;/);
  });

  it('atomicity: a compensated saga whose shipment was never taken back', () => {
    const f = fixture();
    acked(f, order('c1-1'), 1_000);
    for (const [at, action, effect] of [[1, 'reserve', 2], [2, 'payment', 40], [3, 'update', 2], [4, 'refund', 40], [5, 'release', 0], [6, 'notifyFailure', 1]] as const) entry(f, 1_000 + at, 'c1-1', action, effect);
    saga(f, order('c1-1'), 'compensated', 1_010);
    expect(properties(check(f))).toEqual(['atomicity']);
  });

  it('conservation: a double charge, and a refund larger than its charge', () => {
    const f = fixture();
    completed(f, order('c1-1'), 1_000);
    entry(f, 1_100, 'c1-1', 'payment', 40);
    compensated(f, order('c1-2'), 2_000);
    entry(f, 2_100, 'c1-2', 'payment', 40);
    entry(f, 2_101, 'c1-2', 'refund', 40);
    entry(f, 2_102, 'c1-2', 'refund', 40);
    const messages = check(f).filter((each) => each.property === 'conservation').map((each) => each.message);
    expect(messages[0]).toMatch(/^order c1-1 was charged 2 times \(80 in total\)/);
    expect(messages[1]).toMatch(/^order c1-2 was refunded 80 \(2 refunds\) for a charge of 40/);
  });

  it('conservation: stock created — a reservation applied twice holds its units once', () => {
    const f = fixture();
    completed(f, order('c1-1'), 1_000);
    entry(f, 1_100, 'c1-1', 'reserve', 2);
    const messages = check(f).filter((each) => each.property === 'conservation').map((each) => each.message);
    expect(messages.some((message) => /^stock of p1 is not conserved: available 6 \+ reserved \d \+ shipped \d = 8, but the warehouse started with 10$/.test(message))).toBe(true);
  });

  it('notification: a completed order confirmed twice, and a failure notice sent before the refund', () => {
    const f = fixture();
    completed(f, order('c1-1'), 1_000);
    entry(f, 1_100, 'c1-1', 'confirm', 1);
    acked(f, order('c1-2'), 2_000);
    entry(f, 2_001, 'c1-2', 'reserve', 2);
    entry(f, 2_002, 'c1-2', 'payment', 40);
    entry(f, 2_003, 'c1-2', 'notifyFailure', 1);
    entry(f, 2_004, 'c1-2', 'refund', 40);
    entry(f, 2_005, 'c1-2', 'release', 2);
    saga(f, order('c1-2'), 'compensated', 2_006);
    const messages = check(f).filter((each) => each.property === 'notification').map((each) => each.message);
    expect(messages[0]).toMatch(/^completed order c1-1 got 2 confirmation\(s\)/);
    expect(messages[1]).toMatch(/^order c1-2: the customer was sent its failure notice at 2\.0ms, while the order was still open \(payment refund ok \(40\) at 2\.0ms\)/);
  });

  it('acked-orders-durable: an acknowledged order a restart did not recover, and one missing at the end', () => {
    const f = fixture();
    completed(f, order('c1-1'), 1_000);
    f.clock.now = 5_000;
    f.recorder.recovered('coordinator', [], []);
    acked(f, order('c1-2'), 6_000);
    const violations = check(f).filter((each) => each.property === 'acked-orders-durable');
    expect(violations).toHaveLength(2);
    expect(violations[0]?.message).toMatch(/^order c1-1, acknowledged to c1 at 1\.0ms, was forgotten by the coordinator's restart at 5\.0ms: /);
    expect(violations[1]?.message).toMatch(/^order c1-2, acknowledged at 6\.0ms, is missing from the coordinator's decision log at the end of the run: /);
  });

  it('liveness: a saga still open after the bound, and one that ended too late', () => {
    const f = fixture();
    acked(f, order('c1-1'), 1_000);
    entry(f, 1_001, 'c1-1', 'reserve', 0, 'refused');
    saga(f, order('c1-1'), 'compensating');
    compensated(f, order('c1-2'), 2_000);
    f.clock.now = 100 * SECOND;
    f.recorder.ends.clear();
    f.recorder.ended('c1-2', 'compensated');
    const violations = check(f).filter((each) => each.property === 'liveness');
    expect(violations).toHaveLength(2);
    expect(violations[0]?.message).toMatch(/^saga c1-1 had not ended 60\.000s after the heal at 10\.000s \(still compensating\): /);
    expect(violations[1]?.message).toMatch(/^saga c1-2 ended \(compensated\) at 100\.000s, more than 60\.000s after the heal at 10\.000s: /);
    expect(violations.every((each) => each.kind === 'liveness')).toBe(true);
  });
});

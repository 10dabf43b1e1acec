// Proves the saga model's pure parts on hand-written cases: the compensation plan runs in reverse step
// order (and the planted bug's plan in step order), the decision log folds into the saga state a
// restart resumes from, and the services' business rules: limited stock and balance, a forward step
// that arrives after its compensation is refused, a refund refunds what is still due.
import { describe, expect, it } from 'vitest';
import { applyDecision, currentAction, foldDecisions, newSaga } from './decision-log.js';
import { applyEntry, emptyState } from './ledger.js';
import type { ServiceRequest } from './messages.js';
import { compensationPlan, idempotencyKey, type Action, type Order } from './order.js';
import { decide } from './services.js';

const order: Order = { id: 'c1-1', customer: 'c1', account: 'a1', product: 'p1', quantity: 2, amount: 40 };
const request = (type: Action): ServiceRequest => ({ type, order, key: idempotencyKey(order.id, type), attempt: 1 });

describe('compensation plan', () => {
  it('undoes every begun step in reverse order, then notifies the customer', () => {
    expect(compensationPlan(0, false)).toEqual(['release', 'notifyFailure']);
    expect(compensationPlan(3, false)).toEqual(['retract', 'restock', 'refund', 'release', 'notifyFailure']);
    expect(compensationPlan(3, true)).toEqual(['release', 'refund', 'restock', 'retract', 'notifyFailure']);
  });
});

describe('decision log', () => {
  it('folds placed, step outcomes, a rollback and compensations into the state a restart resumes', () => {
    const decisions = [
      { kind: 'placed', order },
      { kind: 'stepOk', step: 'reserve' },
      { kind: 'rollback', step: 'payment', reason: 'declined', plan: compensationPlan(1, false) },
      { kind: 'compensated', action: 'refund', outcome: 'ok' },
    ];
    const sagas = foldDecisions(decisions.map((data) => ({ streamId: order.id, data })));
    const saga = sagas.get(order.id);
    expect(saga?.phase).toBe('compensating');
    expect(saga?.version).toBe(4);
    expect(saga === undefined ? null : currentAction(saga)).toBe('release');
    const done = applyDecision(applyDecision(saga ?? newSaga(order), { kind: 'compensated', action: 'release', outcome: 'ok' }), { kind: 'compensated', action: 'notifyFailure', outcome: 'ok' });
    expect(done.phase).toBe('compensated');
    expect(currentAction(done)).toBeNull();
  });

  it('refuses a step outcome that does not fit the saga (a programmer error)', () => {
    expect(() => applyDecision(newSaga(order), { kind: 'stepOk', step: 'payment' })).toThrow(/stepOk payment in phase forward at step 0/);
  });
});

describe('services', () => {
  const none = new Set<string>();

  it('inventory reserves only what is available, and refuses a reservation that arrives after its release', () => {
    const inventory = emptyState(new Map([['p1', 1]]));
    expect(decide('inventory', inventory, request('reserve'), none)).toMatchObject({ kind: 'record', outcome: 'refused' });
    const stocked = emptyState(new Map([['p1', 5]]));
    applyEntry(stocked, { key: 'c1-1/release', orderId: order.id, action: 'release', outcome: 'ok', target: 'p1', delta: 0, effect: 0 });
    expect(decide('inventory', stocked, request('reserve'), none)).toEqual({ kind: 'abort', detail: 'already released' });
  });

  it('payment declines past the balance, and refunds only what is still due (all of it again with the planted bug)', () => {
    const payment = emptyState(new Map([['a1', 30]]));
    expect(decide('payment', payment, request('payment'), none)).toMatchObject({ kind: 'record', outcome: 'refused' });
    const funded = emptyState(new Map([['a1', 100]]));
    applyEntry(funded, { key: 'c1-1/payment', orderId: order.id, action: 'payment', outcome: 'ok', target: 'a1', delta: -40, effect: 40 });
    applyEntry(funded, { key: 'c1-1/refund', orderId: order.id, action: 'refund', outcome: 'ok', target: 'a1', delta: 40, effect: 40 });
    expect(decide('payment', funded, request('refund'), none)).toMatchObject({ effect: 0 });
    expect(decide('payment', funded, request('refund'), new Set(['non-idempotent-refund']))).toMatchObject({ effect: 40, delta: 40 });
  });
});

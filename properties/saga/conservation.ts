// conservation: per product, available + reserved + shipped equals the initial stock (available read
// from the inventory's counter, reserved and shipped from each order's ledger entries), and nothing is
// negative; per account, balance + captured − refunded equals the initial balance; no order is charged
// twice, refunded without a charge, or refunded more than it was charged.
// Does not verify: whether a saga should have been charged at all (atomicity does).
import type { Violation } from '../violation.js';
import { describeOrder, type ExplainContext } from './explain.js';
import type { OrderView, SagaFinal } from './orders.js';

const VIOLATIONS_MAX = 5;

export function conservation(views: readonly OrderView[], final: SagaFinal, context: ExplainContext): Violation[] {
  const violations: Violation[] = [];
  const push = (message: string, view?: OrderView): void => {
    if (violations.length >= VIOLATIONS_MAX) return;
    const at = view === undefined ? undefined : context.recorder.entriesOf(view.id).at(-1)?.atMicros;
    violations.push({ property: 'conservation', kind: 'correctness', message: view === undefined ? message : `${message}: ${describeOrder(view, context)}`, ...(at !== undefined ? { atMicros: at } : {}) });
  };
  for (const view of views) {
    const counts = view.counts;
    if (counts.charges > 1) push(`order ${view.id} was charged ${counts.charges} times (${counts.charged} in total)`, view);
    else if (counts.refunds > 0 && counts.charges === 0) push(`order ${view.id} was refunded ${counts.refunded} without ever being charged`, view);
    else if (counts.refunded > counts.charged) push(`order ${view.id} was refunded ${counts.refunded} (${counts.refunds} refunds) for a charge of ${counts.charged}`, view);
  }
  const held = stockHeld(views);
  for (const [product, initial] of final.initialStock) {
    const available = final.inventory.counters.get(product) ?? 0;
    const { reserved, shipped } = held.get(product) ?? { reserved: 0, shipped: 0 };
    if (available < 0 || available + reserved + shipped !== initial) {
      push(`stock of ${product} is not conserved: available ${available} + reserved ${reserved} + shipped ${shipped} = ${available + reserved + shipped}, but the warehouse started with ${initial}`);
    }
  }
  const money = moneyMoved(views);
  for (const [account, initial] of final.initialBalance) {
    const balance = final.payment.counters.get(account) ?? 0;
    const { captured, refunded } = money.get(account) ?? { captured: 0, refunded: 0 };
    if (balance < 0 || balance + captured - refunded !== initial) {
      push(`money of ${account} is not conserved: balance ${balance} + captured ${captured} − refunded ${refunded} = ${balance + captured - refunded}, but the account started with ${initial}`);
    }
  }
  return violations;
}

/** Units each order holds, by where its ledger entries leave it (reserved or shipped). */
function stockHeld(views: readonly OrderView[]): Map<string, { reserved: number; shipped: number }> {
  const held = new Map<string, { reserved: number; shipped: number }>();
  for (const view of views) {
    let state: 'none' | 'reserved' | 'shipped' = 'none';
    let quantity = 0;
    let product = '';
    for (const entry of view.entries) {
      if (entry.outcome !== 'ok' || entry.effect <= 0) continue;
      if (entry.action === 'reserve') [state, quantity, product] = ['reserved', entry.effect, entry.target];
      else if (entry.action === 'update') state = 'shipped';
      else if (entry.action === 'restock') state = 'reserved';
      else if (entry.action === 'release') state = 'none';
    }
    if (state === 'none') continue;
    const totals = held.get(product) ?? { reserved: 0, shipped: 0 };
    totals[state] += quantity;
    held.set(product, totals);
  }
  return held;
}

function moneyMoved(views: readonly OrderView[]): Map<string, { captured: number; refunded: number }> {
  const money = new Map<string, { captured: number; refunded: number }>();
  for (const view of views) {
    for (const entry of view.entries) {
      if (entry.outcome !== 'ok' || entry.effect <= 0 || (entry.action !== 'payment' && entry.action !== 'refund')) continue;
      const totals = money.get(entry.target) ?? { captured: 0, refunded: 0 };
      if (entry.action === 'payment') totals.captured += entry.effect;
      else totals.refunded += entry.effect;
      money.set(entry.target, totals);
    }
  }
  return money;
}

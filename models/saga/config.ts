// Configuration of the saga model: the seed's per-step timeouts and retry counts (in simulated
// microseconds, read on each node's own clock), the catalog (limited stock, limited balances) and the
// customer workload. Plain data, so `--set saga.steps.payment.timeoutMicros=…` reaches it.
import type { Micros } from '../../sim/time.js';
import type { Step, StepPolicy } from './order.js';

export interface SagaConfig {
  /** The seed: reserve 30 s × 3 retries, payment 60 s × 2, update 30 s × 3, confirmation 15 s × 5. */
  steps: Record<Step, StepPolicy>;
  /** Compensations are retried until they succeed, up to this many attempts (a stuck one is a liveness failure). */
  compensationAttemptsMax: number;
  customerCount: number;
  productCount: number;
  /** Product i (1-based) starts with stockPerProduct × i units: p1 runs out early, the last rarely. */
  stockPerProduct: number;
  /** Customer i's account starts with balancePerCustomer × i / customerCount. */
  balancePerCustomer: number;
  priceMin: number;
  priceMax: number;
  quantityMax: number;
  /** A customer waits [thinkMicrosMin, thinkMicrosMax] between orders. */
  thinkMicrosMin: Micros;
  thinkMicrosMax: Micros;
  /** Placing an order: per-attempt timeout and retries (same order id), then the order is `info`. */
  placeTimeoutMicros: Micros;
  placeRetries: number;
  /** Customers place no new order from here on. */
  workloadEndMicros: Micros;
  /** Liveness: every saga ends within this bound after the final heal (or after it started, if later). */
  livenessBoundMicros: Micros;
}

const SECOND = 1_000_000;

export const sagaDefaults: SagaConfig = {
  steps: {
    reserve: { timeoutMicros: 30 * SECOND, retries: 3 },
    payment: { timeoutMicros: 60 * SECOND, retries: 2 },
    update: { timeoutMicros: 30 * SECOND, retries: 3 },
    confirm: { timeoutMicros: 15 * SECOND, retries: 5 },
  },
  compensationAttemptsMax: 1_000,
  customerCount: 6,
  productCount: 4,
  stockPerProduct: 60,
  balancePerCustomer: 6_000,
  priceMin: 10,
  priceMax: 60,
  quantityMax: 3,
  thinkMicrosMin: 500_000,
  thinkMicrosMax: 8 * SECOND,
  placeTimeoutMicros: 2 * SECOND,
  placeRetries: 4,
  workloadEndMicros: 360 * SECOND,
  livenessBoundMicros: 150 * SECOND,
};

export interface Product {
  id: string;
  price: number;
  stock: number;
}

/** The catalog: deterministic in the config (no randomness), so every node and checker agrees on it. */
export function products(config: SagaConfig): Product[] {
  const span = config.priceMax - config.priceMin + 1;
  return Array.from({ length: config.productCount }, (_, index) => ({ id: `p${index + 1}`, price: config.priceMin + ((index * 37) % span), stock: config.stockPerProduct * (index + 1) }));
}

export function customerIds(config: SagaConfig): string[] {
  return Array.from({ length: config.customerCount }, (_, index) => `c${index + 1}`);
}

export function accountOf(customer: string): string {
  return `a${customer.slice(1)}`;
}

/** Initial balance of each customer's account. */
export function balances(config: SagaConfig): Map<string, number> {
  return new Map(customerIds(config).map((customer, index) => [accountOf(customer), Math.floor((config.balancePerCustomer * (index + 1)) / config.customerCount)]));
}

export function stocks(config: SagaConfig): Map<string, number> {
  return new Map(products(config).map((product) => [product.id, product.stock]));
}

// Configuration of the read-model model: the three design options of seeds/004 and seeds/000 — how
// acknowledged events reach the database (write-through, or write-behind with a delay, a batch size and
// coalescing), how views are projected (inline in the application, or by an asynchronous worker with a
// durable checkpoint), whether a cache sits in front of view reads (cache-aside with a TTL) — the
// bounded in-memory maps (eviction), and the client workload. Plain data, so `--set readmodel.…` reaches it.
import type { Micros } from '../../sim/time.js';

export const persistenceModes = ['write-through', 'write-behind'] as const;
export type Persistence = (typeof persistenceModes)[number];
export const projectionModes = ['inline', 'async'] as const;
export type Projection = (typeof projectionModes)[number];
export const cacheModes = ['none', 'cache-aside'] as const;
export type CacheMode = (typeof cacheModes)[number];
export const evictionPolicies = ['lru', 'none'] as const;
export type EvictionPolicy = (typeof evictionPolicies)[number];

export interface ReadModelConfig {
  persistence: Persistence;
  /** Write-behind: an acknowledged event is stored at most this long after it was queued (the seed's write-delay-seconds). */
  writeDelayMicros: Micros;
  /** Write-behind: at most this many events per store request (write-batch-size); a full batch goes at once. */
  writeBatchSize: number;
  /**
   * Write-behind: keep only the newest queued write per key — right for views, wrong for the append-only
   * event map, the only map written behind here, so `true` is refused as input (the bug coalesce-event-map).
   */
  writeCoalescing: boolean;
  /** Write-behind: queued events past which new appends are refused (back-pressure). */
  writeQueueMax: number;
  /** A store or load request to the database not answered within this is resent (write-behind) or given up. */
  storeTimeoutMicros: Micros;
  /** The application's event and view maps: entries per map before eviction (the seed's max-size). */
  eviction: { maxSize: number; policy: EvictionPolicy };
  projection: Projection;
  /** Async projection: a durable checkpoint (position and views) every this many applied events. */
  checkpointEvery: number;
  /** Async projection: how often the worker polls the database for new events. */
  pollMicros: Micros;
  /** Async projection: events per poll. */
  pollBatchMax: number;
  cache: CacheMode;
  /** Cache-aside: an entry expires this long after it was filled (on the cache node's clock). */
  cacheTtlMicros: Micros;
  /** Cache-aside: how long a write waits for the cache to confirm an invalidation before acknowledging anyway. */
  invalidateTimeoutMicros: Micros;
  workload: {
    clientCount: number;
    orderCount: number;
    customerCount: number;
    /** Percent of operations that read a view (the rest append an event). */
    readPercent: number;
    thinkMicrosMin: Micros;
    thinkMicrosMax: Micros;
    /** A request not answered within this is recorded as unknown (info) and not retried. */
    timeoutMicros: Micros;
    /** Clients start no new operation from here on (the quiet period follows). */
    stopMicros: Micros;
  };
}

const MILLI = 1_000;

export const readModelDefaults: ReadModelConfig = {
  persistence: 'write-behind',
  writeDelayMicros: 20 * MILLI,
  writeBatchSize: 8,
  writeCoalescing: false,
  writeQueueMax: 64,
  storeTimeoutMicros: 10 * MILLI,
  eviction: { maxSize: 6, policy: 'lru' },
  projection: 'inline',
  checkpointEvery: 12,
  pollMicros: 4 * MILLI,
  pollBatchMax: 16,
  cache: 'none',
  cacheTtlMicros: 100 * MILLI,
  invalidateTimeoutMicros: 5 * MILLI,
  workload: {
    clientCount: 4,
    orderCount: 8,
    customerCount: 4,
    readPercent: 45,
    thinkMicrosMin: 500,
    thinkMicrosMax: 4 * MILLI,
    timeoutMicros: 60 * MILLI,
    stopMicros: 1_500 * MILLI,
  },
};

/** Every aggregate: orders first, then customers (`order-1`, …, `customer-1`, …). */
export function aggregateIds(config: ReadModelConfig): string[] {
  const orders = Array.from({ length: config.workload.orderCount }, (_, index) => `order-${index + 1}`);
  const customers = Array.from({ length: config.workload.customerCount }, (_, index) => `customer-${index + 1}`);
  return [...orders, ...customers];
}

/** The node ids: application, database, projection worker, cache. */
export const APP = 'app';
export const DATABASE = 'db';
export const PROJECTOR = 'projector';
export const CACHE = 'cache';
export const readModelNodes = [APP, DATABASE, PROJECTOR, CACHE] as const;

// A bounded map with least-recently-used eviction, as the seed's IMap eviction (max-size, LRU): reading
// or writing an entry makes it the most recent; past `maxSize` entries the least recent one that
// `evictable` allows is dropped (a pinned entry — one still queued for write-behind — is skipped, and the
// map may then stay above its bound until it can evict). Policy `none` never evicts. Map iteration
// order is insertion order, so re-inserting on access keeps the LRU order deterministic.
import { assert } from '../../sim/assert.js';
import type { EvictionPolicy } from './config.js';

export class LruMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxSize: number,
    private readonly policy: EvictionPolicy,
    private readonly evictable: (key: string, value: V) => boolean,
    private readonly onEvict: (key: string, value: V) => void,
  ) {
    assert(maxSize >= 1, `LruMap: maxSize must be >= 1 (got ${maxSize})`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry, made most recent. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The entry without touching its recency (for observation). */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.evict();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Evicts least recent evictable entries while above the bound (bounded by the map's size). */
  evict(): void {
    if (this.policy === 'none') return;
    let budget = this.entries.size;
    while (this.entries.size > this.maxSize && budget-- > 0) {
      let victim: string | null = null;
      for (const [key, value] of this.entries) {
        if (this.evictable(key, value)) {
          victim = key;
          break;
        }
      }
      if (victim === null) return;
      const value = this.entries.get(victim) as V;
      this.entries.delete(victim);
      this.onEvict(victim, value);
    }
  }
}

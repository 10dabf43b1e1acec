// The search budget: steps and wall time decide when the verdict is `unknown` (null), never a guess.
// Steps are deterministic; wall time is not, which is why it is optional and why the clock is read only
// every `clockEveryMask + 1` steps.
//
// Memory is bounded separately and never makes the verdict unknown by itself: the memoisation caches of
// all partitions being searched hold at most `cacheEntriesMax` configurations together. A search that
// would go past it forgets its own cache and carries on (the cache only saves work, it never decides a
// verdict), so memory stays bounded by the history and the bound while the steps or time run out.

import { assert } from '../../sim/assert.js';

export interface Budget {
  /** Search steps across all partitions (one step: try one candidate or backtrack once). */
  readonly stepsMax?: number;
  /** Wall-clock milliseconds across all partitions. */
  readonly wallMsMax?: number;
  /** Memoised (linearized set, state) configurations held at once, all partitions together; bounds memory. */
  readonly cacheEntriesMax?: number;
}

export const stepsMaxDefault = 50_000_000;
export const cacheEntriesMaxDefault = 1_000_000;
const clockEveryMask = 0x3ff;

/** `memory` is kept for callers that match on it; the meter no longer reports it (see the header). */
export type Exhaustion = 'steps' | 'time' | 'memory';

export class BudgetMeter {
  readonly stepsMax: number;
  readonly wallMsMax: number;
  readonly cacheEntriesMax: number;
  steps = 0;
  exhausted: Exhaustion | null = null;
  /** Cache entries held by every live search. */
  cacheEntries = 0;
  /** Times a search forgot its cache to stay within `cacheEntriesMax`. */
  cacheResets = 0;
  private readonly startMs: number;

  constructor(budget: Budget = {}) {
    this.stepsMax = budget.stepsMax ?? stepsMaxDefault;
    this.wallMsMax = budget.wallMsMax ?? Number.POSITIVE_INFINITY;
    this.cacheEntriesMax = budget.cacheEntriesMax ?? cacheEntriesMaxDefault;
    assert(this.stepsMax >= 0 && !Number.isNaN(this.stepsMax), `budget.stepsMax must be >= 0 (got ${this.stepsMax})`);
    assert(this.wallMsMax >= 0 && !Number.isNaN(this.wallMsMax), `budget.wallMsMax must be >= 0 (got ${this.wallMsMax})`);
    assert(this.cacheEntriesMax >= 1, `budget.cacheEntriesMax must be >= 1 (got ${this.cacheEntriesMax})`);
    this.startMs = performance.now(); // wall-clock-ok: budget
  }

  /** Count one step; false once any budget is exhausted. */
  tick(): boolean {
    if (this.exhausted !== null) return false;
    if (this.steps >= this.stepsMax) {
      this.exhausted = 'steps';
      return false;
    }
    this.steps++;
    if ((this.steps & clockEveryMask) === 0 && this.elapsedMs() > this.wallMsMax) {
      this.exhausted = 'time';
      return false;
    }
    return true;
  }

  /** Account for cache entries added (or, negative, dropped); true while all caches fit the bound. */
  noteCacheEntries(delta: number): boolean {
    this.cacheEntries += delta;
    assert(this.cacheEntries >= 0, 'cache entries never go negative');
    return this.cacheEntries <= this.cacheEntriesMax;
  }

  elapsedMs(): number {
    return performance.now() - this.startMs; // wall-clock-ok: budget
  }
}

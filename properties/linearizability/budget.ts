// The search budget: steps, wall time and cache entries. Running out of any of them makes the verdict
// `unknown` (null), never a guess. Steps and cache entries are deterministic; wall time is not, which is
// why it is optional and why the clock is read only every `clockEveryMask + 1` steps.

import { assert } from '../../sim/assert.js';

export interface Budget {
  /** Search steps across all partitions (one step: try one candidate or backtrack once). */
  readonly stepsMax?: number;
  /** Wall-clock milliseconds across all partitions. */
  readonly wallMsMax?: number;
  /** Memoised (linearized set, state) pairs held at once in one partition; bounds memory. */
  readonly cacheEntriesMax?: number;
}

export const stepsMaxDefault = 50_000_000;
export const cacheEntriesMaxDefault = 4_000_000;
const clockEveryMask = 0x3ff;

export type Exhaustion = 'steps' | 'time' | 'memory';

export class BudgetMeter {
  readonly stepsMax: number;
  readonly wallMsMax: number;
  readonly cacheEntriesMax: number;
  steps = 0;
  exhausted: Exhaustion | null = null;
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

  /** Report the size of a partition's cache; marks the budget exhausted when it is too large. */
  noteCacheEntries(count: number): void {
    if (count > this.cacheEntriesMax && this.exhausted === null) this.exhausted = 'memory';
  }

  elapsedMs(): number {
    return performance.now() - this.startMs; // wall-clock-ok: budget
  }
}

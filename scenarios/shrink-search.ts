// The search the workload shrinker runs, independent of simulation: integers ("dimensions") lowered
// towards their minimums while a predicate keeps failing, the way fast-check shrinks a number — the
// minimum first, then half the distance, a quarter…, then one step — in passes over all dimensions until
// one changes nothing or the attempt budget is spent. Pure and deterministic in its inputs.
import { assert } from '../sim/assert.js';

/** Passes over all dimensions; a pass that changes nothing ends the search earlier. */
const PASSES_MAX = 4;

/** One integer the search may lower; `apply` gives the candidate with it changed, or null if unusable. */
export interface SearchDimension<S> {
  name: string;
  min: number;
  step: number;
  /** Its value in a state, or null when it does not apply there. */
  value(state: S): number | null;
  apply(state: S, value: number): S | null;
}

export interface SearchResult<S, R> {
  state: S;
  /** What `fails` returned for `state`, or null when no candidate was kept. */
  best: R | null;
  attempts: number;
}

/**
 * The search itself, independent of simulation: lowers each dimension in turn towards its minimum
 * (see `towards`), keeping a candidate when `fails` returns non-null for it, in passes until one
 * changes nothing or `attemptsMax` calls of `fails` are spent. Deterministic in its inputs.
 */
export function searchSmallest<S, R>(start: S, dimensions: readonly SearchDimension<S>[], fails: (candidate: S) => R | null, attemptsMax: number, onAttempt?: (attempts: number, state: S) => void): SearchResult<S, R> {
  assert(Number.isSafeInteger(attemptsMax) && attemptsMax >= 0, 'searchSmallest: attemptsMax is a non-negative integer');
  let state = start;
  let best: R | null = null;
  let attempts = 0;
  let candidatesLeft = (attemptsMax + 1) * 64; // unusable candidates cost no attempt, but are bounded too
  for (let pass = 0; pass < PASSES_MAX && attempts < attemptsMax; pass++) {
    let changed = false;
    for (const dimension of dimensions) {
      // Within one dimension the search narrows like a bisection: after a success, the values at or
      // below the highest one that just failed to reproduce are not tried again.
      let floor: number | null = null;
      while (attempts < attemptsMax && candidatesLeft > 0) {
        const current = dimension.value(state);
        if (current === null) break;
        let improved = false;
        const values: number[] = floor === null ? towards(current, dimension.min, dimension.step) : towards(current, Math.min(current, floor + dimension.step), dimension.step, false);
        for (const value of values) {
          if (attempts >= attemptsMax || candidatesLeft-- <= 0) break;
          const candidate = dimension.apply(state, value);
          if (candidate === null) continue;
          attempts++;
          const result = fails(candidate);
          if (result !== null) {
            state = candidate;
            best = result;
            improved = true;
          } else {
            floor = value;
          }
          onAttempt?.(attempts, state);
          if (improved) break;
        }
        if (!improved) break;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { state, best, attempts };
}

/**
 * Candidate values between `min` and `current`, smallest first: the minimum (unless `minFirst` is
 * false), then the current value less half the distance, a quarter… and finally one step less. Times
 * are cut in whole steps.
 */
export function towards(current: number, min: number, step: number, minFirst = true): number[] {
  assert(step >= 1, 'towards: step >= 1');
  const values: number[] = [];
  if (current <= min) return values;
  const push = (value: number): void => {
    if (value >= min && value < current && !values.includes(value)) values.push(value);
  };
  if (minFirst) push(min);
  for (let delta = Math.ceil((current - min) / 2); ; delta = Math.ceil(delta / 2)) {
    push(Math.max(min, current - Math.max(step, delta - (delta % step))));
    if (delta <= step) break;
  }
  return values;
}

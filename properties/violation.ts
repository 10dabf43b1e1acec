// What a property says when it does not hold. Every checker returns these; scenarios collect them and
// reports render them. It lives at the bottom of properties/ so that no checker imports upwards.
import type { Micros } from '../sim/time.js';

/**
 * `correctness`: a safety property failed. `liveness`: progress did not happen within its bound.
 * `crash`: the model or a checker hit an assertion or threw. `inconclusive`: a checker ran out of its
 * budget and could not decide — never counted as a pass, never as a failure.
 */
export type ViolationKind = 'correctness' | 'liveness' | 'crash' | 'inconclusive';

export interface Violation {
  property: string;
  kind: ViolationKind;
  /** A sentence a person can act on: what was lost, when it was acknowledged, by whom, when it vanished. */
  message: string;
  atMicros?: Micros;
}

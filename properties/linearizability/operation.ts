// One operation of a concurrent history: an invoke and (maybe) its completion, as the checker sees it.
//
// Real-time order: operation A precedes B when A completed `ok` strictly before B was invoked
// (A.completeTime < B.invokeTime). Equal times count as overlapping, which can only make the checker
// more permissive, never report a violation that is not there.

export type Outcome = 'ok' | 'fail' | 'info';

export interface Operation<Input, Output> {
  /** The client that issued it; a process has at most one operation outstanding. */
  readonly process: number;
  readonly input: Input;
  /**
   * `ok`: took effect exactly once between invoke and completion, with `output` observed.
   * `fail`: did not take effect (dropped before the search).
   * `info` (also used for an invoke that never completed): may or may not have taken effect, at any
   * time after its invoke; its completion counts as +infinity.
   */
  readonly outcome: Outcome;
  /** Observed result; required when outcome is `ok`, ignored otherwise. */
  readonly output?: Output;
  /** Logical time of the invoke (any comparable finite number; line index for JSONL histories). */
  readonly invokeTime: number;
  /** Logical time of the completion; required when outcome is `ok`; for fail/info only drawn, never searched. */
  readonly completeTime?: number;
  /** 1-based source lines, when the operation came from a JSONL file (used in explanations). */
  readonly invokeLine?: number;
  readonly completeLine?: number;
}

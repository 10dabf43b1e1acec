// The contract between the linearizability search and a sequential specification. Models are plain
// objects so users can add their own next to the built-in register, kv and eventlog.
//
// A model must be pure: `step` may not mutate its arguments (states are shared between search branches),
// and the same arguments must always give the same result.

export type StepResult<State> = { readonly ok: true; readonly state: State } | { readonly ok: false };

export interface Model<State, Input, Output> {
  readonly name: string;
  init(): State;
  /**
   * Apply one operation to `state`. `output` is the observed result of an `ok` operation, or `undefined`
   * when the outcome is unknown (`info`): then `step` must return ok from every state, applying whatever
   * effect the operation has when it does take effect from that state (a cas whose compare does not
   * match simply changes nothing).
   */
  step(state: State, input: Input, output: Output | undefined): StepResult<State>;
  /** 32-bit hash consistent with `equal`, used to memoise (linearized set, state) pairs. */
  hash(state: State): number;
  equal(left: State, right: State): boolean;
  /**
   * P-compositionality: operations with different partition keys touch independent objects and are
   * checked separately. Omit for a single object.
   */
  partition?(input: Input): string;
  /** True when the operation never changes the state (a read): its fail/info instances are dropped. */
  readOnly?(input: Input): boolean;
  /**
   * Optional pruning hint for reads (operations with `readOnly`): false only when no sequence of this
   * model's operations, none of them a reset (see `resets`), can take `state` to a state where the read
   * fits with `output`. Example: kv appends only ever extend a value, so a get of "ab" can never fit
   * once the key holds "ac" unless a put comes first. The search uses it to abandon a configuration in
   * which some read that must still be placed can no longer fit, and to treat states that no read can
   * observe any more before a reset as one. Give it only when every operation that is neither read-only
   * nor a reset is accepted from every state (kv append); omit it when unsure: it is only speed.
   */
  readMayFitLater?(state: State, input: Input, output: Output): boolean;
  /**
   * With `readMayFitLater`: operations whose resulting state does not depend on the state before them
   * (blind writes, e.g. kv put). When omitted, every operation that is not read-only may rescue a read,
   * and a read is abandoned only when no such operation can still come before its completion.
   */
  resets?(input: Input): boolean;
  /**
   * Identity of an input for symmetry reduction among `info` operations: two pending info operations
   * with equal keys are interchangeable. Defaults to JSON.stringify(input), fine for plain-data inputs.
   */
  inputKey?(input: Input): string;
  /** Short words for one operation, e.g. `cas 1→4`, `read → 3`, `read (result unknown)`. */
  describeOperation(input: Input, output: Output | undefined): string;
  /** Short words for one state, e.g. `the register holds 3`. */
  describeState(state: State): string;
}

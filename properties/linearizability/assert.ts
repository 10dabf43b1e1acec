// Programmer-error assertions for the linearizability checker. A failed assertion is a bug in the checker or
// in a model, never bad input: bad input is reported as HistoryInputError at the boundary.

export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

// Assertions are documentation that runs. A failed assertion is a programmer error: it crashes the
// run, and the runner reports it as a *crash* failure together with its seed.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/**
 * For hot paths: `if (!ok) fail(\`… ${value}\`)` builds its message only when it fails, where
 * `assert(ok, \`… ${value}\`)` would build a string on every call.
 */
export function fail(message: string): never {
  throw new AssertionError(message);
}

/** For switch exhaustiveness: a value the type system says cannot exist. */
export function unreachable(value: never): never {
  throw new AssertionError(`unreachable: ${JSON.stringify(value)}`);
}

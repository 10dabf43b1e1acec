// Bad input (flags, scenario files, replay files, histories) is validated once, at the boundary, and
// reported as one line naming the field, the value and what was expected. The CLI turns it into exit 2.

export class InputError extends Error {
  override name = 'InputError';
}

export function inputError(message: string): never {
  throw new InputError(message);
}

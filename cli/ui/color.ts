// Colour in the terminal views follows the NO_COLOR convention (https://no-color.org): when the
// variable is set to anything non-empty, no view asks for a colour, whatever the terminal supports.
export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

/** A colour name for ink's `color` prop, or undefined when colour is off. */
export function paint(color: string, enabled = colorEnabled()): string | undefined {
  return enabled ? color : undefined;
}

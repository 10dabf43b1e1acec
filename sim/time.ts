// Simulated time is an integer count of microseconds. There is no other time in the simulation.

export type Micros = number;

export const MICROS_PER_MILLI = 1_000;
export const MICROS_PER_SECOND = 1_000_000;

export function millis(count: number): Micros {
  return Math.round(count * MICROS_PER_MILLI);
}

export function seconds(count: number): Micros {
  return Math.round(count * MICROS_PER_SECOND);
}

/** `1.250s`, `15ms`, `40µs`: for people, never parsed back. */
export function formatMicros(micros: Micros): string {
  if (Math.abs(micros) >= MICROS_PER_SECOND) return `${(micros / MICROS_PER_SECOND).toFixed(3)}s`;
  if (Math.abs(micros) >= MICROS_PER_MILLI) return `${(micros / MICROS_PER_MILLI).toFixed(1)}ms`;
  return `${micros}µs`;
}

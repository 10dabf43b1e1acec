// Where two traces of one seed part ways: the first event at which they differ (time, node, kind,
// label), for `run --check-determinism`. Two traces that agree event by event while their hashes
// differ point at data the trace does not show (message contents, disk bytes).
import type { TraceEntry } from '../sim/simulation.js';
import { formatMicros } from '../sim/time.js';

export interface Divergence {
  /** Index of the first differing event; `null` when the traces agree entry for entry. */
  index: number | null;
  here: TraceEntry | null;
  there: TraceEntry | null;
  /** Entries both traces share before they differ. */
  commonEvents: number;
}

export function firstDivergence(here: readonly TraceEntry[], there: readonly TraceEntry[]): Divergence {
  const length = Math.min(here.length, there.length);
  for (let index = 0; index < length; index++) {
    const a = here[index] as TraceEntry;
    const b = there[index] as TraceEntry;
    if (a.time !== b.time || a.node !== b.node || a.kind !== b.kind || a.label !== b.label) return { index, here: a, there: b, commonEvents: index };
  }
  if (here.length !== there.length) return { index: length, here: here[length] ?? null, there: there[length] ?? null, commonEvents: length };
  return { index: null, here: null, there: null, commonEvents: length };
}

export function describeTraceEntry(entry: TraceEntry | null): string {
  return entry === null ? 'the end of the run' : `${formatMicros(entry.time)} ${entry.node} ${entry.kind} ${JSON.stringify(entry.label)}`;
}

/** One line: `the traces first differ at event #812: here 1.250s n2 deliver "append from c1", in the worker 1.250s n2 timer "election"`. */
export function describeDivergence(divergence: Divergence, hereName: string, thereName: string): string {
  if (divergence.index === null) {
    return `the traces agree event by event (${divergence.commonEvents} events): the difference is in data the trace does not show (message contents, disk bytes)`;
  }
  return `the traces first differ at event #${divergence.index}: ${hereName} ${describeTraceEntry(divergence.here)}, ${thereName} ${describeTraceEntry(divergence.there)}`;
}

// A run's trace as plain lines, one executed event (or model log line) per line: simulated time, the
// node, what happened. This is the debug path for a failing seed: replay it with --trace and read.
import type { TraceEntry } from '../sim/simulation.js';
import { formatMicros } from '../sim/time.js';

const kindWidth = 7;

export function renderTrace(trace: readonly TraceEntry[]): string {
  if (trace.length === 0) return '';
  const nodeWidth = Math.max(4, ...trace.map((entry) => entry.node.length));
  let text = '';
  for (const entry of trace) {
    text += `${formatMicros(entry.time).padStart(12)}  ${entry.node.padEnd(nodeWidth)}  ${entry.kind.padEnd(kindWidth)}  ${oneLine(entry.label)}\n`;
  }
  return text;
}

/** Labels come from models and faults: keep each entry on its own line whatever they hold. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ⏎ ');
}

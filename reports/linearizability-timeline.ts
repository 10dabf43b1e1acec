// Self-contained HTML timeline of a checked history: one lane per process, each operation a bar from its
// invoke to its completion (info operations run to the right edge, dashed), the longest linearizable
// prefix numbered in green, the operations that could not be placed in red, and the failing point marked
// with a vertical line. No scripts, fonts or other external assets; every text is escaped.

import { assert } from '../sim/assert.js';
import type { CheckResult } from '../properties/linearizability/checker.js';
import { describeHistoryOperation } from '../properties/linearizability/explanation.js';
import type { Model } from '../properties/linearizability/model.js';
import type { Operation } from '../properties/linearizability/operation.js';

export interface TimelineOptions {
  readonly title?: string;
  /** Operations drawn at most; the rest are summarised in a note. */
  readonly operationsMax?: number;
}

const laneHeight = 30;
const barHeight = 20;
const marginLeft = 90;
const marginTop = 40;
const widthTarget = 1400;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function legend(linearizable: boolean | null): string {
  if (linearizable === true) return '<span style="background:#2e7d32"></span>linearized';
  if (linearizable === null) return '<span style="background:#757575"></span>undecided';
  return '<span style="background:#2e7d32"></span>longest linearizable prefix (numbered)<span style="background:#c62828"></span>could not be placed<span style="background:#757575"></span>not reached';
}

export function renderTimelineHtml<State, Input, Output>(
  operations: readonly Operation<Input, Output>[],
  result: CheckResult,
  model: Model<State, Input, Output>,
  options: TimelineOptions = {},
): string {
  const operationsMax = options.operationsMax ?? 2_000;
  assert(operationsMax >= 1, 'timeline operationsMax must be >= 1');
  const failure = result.failure;
  const scope = failure === null ? operations.map((_, index) => index) : failure.partitionOperations;
  const shown = scope.slice(0, operationsMax);
  const order = new Map<number, number>((failure?.longestPrefix ?? []).map((index, position) => [index, position + 1]));
  const unplaced = new Set((failure?.candidates ?? []).map((candidate) => candidate.operation));

  const times = new Set<number>();
  for (const index of shown) {
    const operation = operations[index]!;
    times.add(operation.invokeTime);
    if (operation.outcome === 'ok' || operation.completeTime !== undefined) times.add(operation.completeTime ?? operation.invokeTime);
  }
  const sortedTimes = [...times].sort((left, right) => left - right);
  const column = new Map(sortedTimes.map((time, position) => [time, position]));
  const columns = sortedTimes.length + 2;
  const columnWidth = Math.max(4, Math.min(100, Math.floor(widthTarget / columns)));
  const x = (time: number): number => marginLeft + (column.get(time)! + 0.5) * columnWidth;
  const rightEdge = marginLeft + columns * columnWidth;
  const processes = [...new Set(shown.map((index) => operations[index]!.process))].sort((left, right) => left - right);
  const lane = new Map(processes.map((process, position) => [process, position]));
  const height = marginTop + processes.length * laneHeight + 30;

  const parts: string[] = [];
  processes.forEach((process, position) => {
    const y = marginTop + position * laneHeight;
    parts.push(`<text x="8" y="${y + barHeight - 5}" class="lane">process ${process}</text>`);
    parts.push(`<line x1="${marginLeft}" y1="${y + laneHeight - 4}" x2="${rightEdge}" y2="${y + laneHeight - 4}" class="grid"/>`);
  });
  for (const index of shown) {
    const operation = operations[index]!;
    const left = x(operation.invokeTime);
    const ended = operation.outcome === 'ok' || operation.completeTime !== undefined;
    const right = operation.outcome === 'ok' ? x(operation.completeTime!) : ended && operation.outcome === 'fail' ? x(operation.completeTime!) : rightEdge;
    const width = Math.max(right - left, 3);
    const y = marginTop + lane.get(operation.process)! * laneHeight;
    const position = order.get(index);
    let kind = operation.outcome === 'fail' ? 'failed' : result.linearizable === true ? 'placed' : 'other';
    if (position !== undefined) kind = 'placed';
    else if (unplaced.has(index)) kind = 'unplaced';
    const dashed = operation.outcome === 'info' ? ' unknown' : '';
    const blocking = failure !== null && failure.blocking === index ? ' blocking' : '';
    const description = describeHistoryOperation(operation, index, model);
    const label = `${position !== undefined ? `${position}. ` : ''}${model.describeOperation(operation.input, operation.outcome === 'ok' ? operation.output : undefined)}`;
    const charsMax = Math.floor(width / 6.5);
    const text = label.length <= charsMax ? label : charsMax > 2 ? `${label.slice(0, charsMax - 1)}…` : '';
    parts.push(
      `<g><title>${escapeHtml(description)}</title><rect x="${left.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" rx="3" class="${kind}${dashed}${blocking}"/>` +
        (text === '' ? '' : `<text x="${(left + 3).toFixed(1)}" y="${y + barHeight - 6}" class="label">${escapeHtml(text)}</text>`) +
        '</g>',
    );
  }
  if (failure !== null) {
    const failX = x(operations[failure.blocking]!.completeTime!);
    parts.push(`<line x1="${failX}" y1="${marginTop - 18}" x2="${failX}" y2="${height - 20}" class="failing"/>`);
    parts.push(`<text x="${failX + 4}" y="${marginTop - 22}" class="failing-label">failing point</text>`);
  }

  const verdict = result.linearizable === true ? 'linearizable' : result.linearizable === false ? 'NOT linearizable' : 'unknown (budget exhausted)';
  const title = options.title ?? `${model.name} history`;
  const note = scope.length > shown.length ? `<p>Showing the first ${shown.length} of ${scope.length} operations.</p>` : '';
  const scopeNote = failure !== null && failure.partition !== null ? `<p>Showing the failing partition ${escapeHtml(JSON.stringify(failure.partition))}.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}: ${verdict}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
pre{background:#f6f6f6;padding:1em;white-space:pre-wrap}
.lane{font-size:12px;fill:#444}.label{font-size:11px;fill:#fff;pointer-events:none}
.grid{stroke:#eee}
rect.placed{fill:#2e7d32}rect.unplaced{fill:#c62828}rect.other{fill:#757575}rect.failed{fill:#bdbdbd}
rect.unknown{fill-opacity:.55;stroke:#333;stroke-dasharray:4 3}
rect.blocking{stroke:#000;stroke-width:2}
.failing{stroke:#c62828;stroke-width:2;stroke-dasharray:6 3}.failing-label{fill:#c62828;font-size:12px}
.key span{display:inline-block;width:1em;height:1em;vertical-align:middle;margin:0 .3em 0 1em}
</style></head><body>
<h1>${escapeHtml(title)}: ${verdict}</h1>
<p>${result.operations} operations, ${result.partitions} partition(s), ${result.steps} search steps.</p>
${scopeNote}${note}<p class="key">${legend(result.linearizable)}<span style="background:#bdbdbd"></span>failed (no effect)<span style="border:1px dashed #333"></span>outcome unknown</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${rightEdge + 20}" height="${height}" role="img">
${parts.join('\n')}
</svg>
<pre>${escapeHtml(result.explanation)}</pre>
</body></html>
`;
}

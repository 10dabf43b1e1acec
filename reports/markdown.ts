// A Markdown report of one run: verdict, violations in plain words, the (shrunk) fault schedule,
// and how to replay it. For pasting into an issue or a design review.
import { describeFault, type FaultSchedule } from '../sim/faults.js';
import { formatMicros } from '../sim/time.js';
import type { RunResult } from '../scenarios/runner.js';
import type { PropertyInfo } from '../scenarios/types.js';
import { propertyStatuses, verdictWord } from './text.js';
import type { BaseConfig } from '../scenarios/types.js';
import { configLine } from './config-header.js';
import { describeWorkloadShrink, type WorkloadShrinkSummary } from '../scenarios/shrink-workload.js';

export interface ReportInput {
  result: RunResult;
  properties: readonly PropertyInfo[];
  replayFile: string | null;
  shrunk: { schedule: FaultSchedule; runs: number; workload?: WorkloadShrinkSummary | null } | null;
  /** The scenario's defaults: the header then names every field the run overrode (`--set`). */
  defaults?: BaseConfig | null;
}

export function renderMarkdown({ result, properties, replayFile, shrunk, defaults }: ReportInput): string {
  const lines: string[] = [];
  lines.push(`# faultline: ${result.scenario}, seed ${result.seed} — ${verdictWord(result)}`, '');
  lines.push(`- ${configLine(defaults ?? null, result.config, result.bugs, result.options)}`);
  lines.push(`- planted bugs: ${result.bugs.length > 0 ? result.bugs.map((bug) => `\`${bug}\``).join(', ') : 'none'}`);
  lines.push(`- ${result.events} events, ${formatMicros(result.simulatedMicros)} simulated, trace hash \`${result.traceHash}\``);
  if (replayFile !== null) lines.push(`- replay: \`faultline replay ${replayFile}\``);
  lines.push('', '## Properties', '');
  const status = propertyStatuses(result.violations);
  const marks = { held: '✅', violated: '❌', undecided: '❔ (undecided)' } as const;
  for (const property of properties) lines.push(`- ${marks[status(property.name)]} **${property.name}** — ${property.description}`);
  if (result.violations.length > 0) {
    lines.push('', '## What went wrong', '');
    for (const violation of result.violations) {
      const at = violation.atMicros !== undefined ? ` (at ${formatMicros(violation.atMicros)})` : '';
      lines.push(`- **${violation.property}** (${violation.kind})${at}: ${violation.message}`);
    }
  }
  const schedule = shrunk?.schedule ?? result.schedule;
  lines.push('', shrunk !== null ? `## Minimal fault schedule (shrunk from ${result.schedule.length} to ${schedule.length} events in ${shrunk.runs} runs)` : '## Fault schedule', '');
  lines.push('| time | fault |', '| ---: | --- |');
  for (const timed of schedule) lines.push(`| ${tableCell(formatMicros(timed.atMicros))} | ${tableCell(describeFault(timed.fault))} |`);
  const workload = shrunk?.workload ?? null;
  if (workload !== null) {
    lines.push('', '## Smaller workload', '', `Workload shrunk: ${describeWorkloadShrink(workload)}.`);
    if (workload.overrides.length > 0) lines.push('', `The shrunk run (\`replay --shrunk\`) sets ${workload.overrides.map((each) => `\`${each}\``).join(', ')}.`);
  }
  const summary = Object.entries(result.summary);
  if (summary.length > 0) {
    lines.push('', '## Figures', '');
    for (const [key, value] of summary) lines.push(`- ${key}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Text made safe for one cell of a Markdown table: a `|` (as in a partition `{n1} | {n2,n3}`) would
 * end the cell, a newline the row. Backslashes are escaped first so an escape is never doubled up.
 */
export function tableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

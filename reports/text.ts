// Plain-text rendering of results, for the terminal and CI logs. Pure: strings in, strings out.
import { describeFault, isInjected } from '../sim/faults.js';
import { formatMicros } from '../sim/time.js';
import type { RunResult, Verdict } from '../scenarios/runner.js';
import type { Violation } from '../properties/violation.js';
import type { PropertyInfo } from '../scenarios/types.js';

export function verdictWord(verdict: Verdict): string {
  switch (verdict.outcome) {
    case 'pass':
      return 'PASS';
    case 'fail':
      return `FAIL (${verdict.kind})`;
    case 'inconclusive':
      return 'INCONCLUSIVE';
  }
}

/** `run --json`'s older pair of fields, kept as a contract: `ok` only for a pass; `kind` the failure kind, `ok` or `inconclusive`. */
export function okAndKind(verdict: Verdict): { ok: boolean; kind: string } {
  return { ok: verdict.outcome === 'pass', kind: verdict.outcome === 'fail' ? verdict.kind : verdict.outcome === 'pass' ? 'ok' : 'inconclusive' };
}

export type PropertyStatus = 'held' | 'violated' | 'undecided';

/** Per property: violated if any of its violations is a failure, undecided if its checker only ran out of budget. */
export function propertyStatuses(violations: readonly Violation[]): (name: string) => PropertyStatus {
  const statuses = new Map<string, PropertyStatus>();
  for (const violation of violations) {
    if (violation.kind !== 'inconclusive') statuses.set(violation.property, 'violated');
    else if (!statuses.has(violation.property)) statuses.set(violation.property, 'undecided');
  }
  return (name) => statuses.get(name) ?? 'held';
}

const textMarks: Record<PropertyStatus, string> = { held: '✓', violated: '✗', undecided: '?' };

export function renderRunText(result: RunResult, properties: readonly PropertyInfo[], replayFile: string | null): string {
  const lines: string[] = [];
  const bugs = result.bugs.length > 0 ? result.bugs.join(', ') : 'none';
  lines.push(`scenario ${result.scenario} · seed ${result.seed} · planted bugs: ${bugs}`);
  if (result.options.length > 0) lines.push(`options drawn for this seed: ${result.options.join(' · ')}`);
  const faults = result.schedule.filter((timed) => isInjected(timed.fault));
  const healed = result.schedule.find((timed) => !isInjected(timed.fault));
  lines.push(`faults: ${faults.length} scheduled${faults.length > 0 ? '' : ' (none)'}${healed !== undefined ? `, all healed at ${formatMicros(healed.atMicros)}` : ''}`);
  for (const timed of faults.slice(0, 12)) lines.push(`  ${formatMicros(timed.atMicros).padStart(9)}  ${describeFault(timed.fault)}`);
  if (faults.length > 12) lines.push(`  … and ${faults.length - 12} more (every one: \`--json\`'s "schedule", or \`faultline replay FILE --dump\`)`);
  const status = propertyStatuses(result.violations);
  for (const property of properties) lines.push(`${textMarks[status(property.name)]} ${property.name} — ${property.description}`);
  for (const violation of result.violations) {
    const at = violation.atMicros !== undefined ? ` [at ${formatMicros(violation.atMicros)}]` : '';
    lines.push(`  ${violation.kind} · ${violation.property}: ${violation.message}${at}`);
  }
  const summary = Object.entries(result.summary).map(([key, value]) => `${key} ${value}`).join(' · ');
  if (summary) lines.push(summary);
  lines.push(`verdict: ${verdictWord(result)} · ${faultsLine(result)} · ${result.events} events · ${formatMicros(result.simulatedMicros)} simulated in ${Math.round(result.wallMs)}ms · trace ${result.traceHash}`);
  if (replayFile !== null) lines.push(`replay: faultline replay ${replayFile}`);
  return lines.join('\n');
}

/** The same count the header lists, and how many of those took effect when a targeted one missed. */
export function faultsLine(result: Pick<RunResult, 'faultsScheduled' | 'faultsInjected'>): string {
  const missed = result.faultsScheduled - result.faultsInjected;
  if (missed === 0) return `${result.faultsInjected} faults injected`;
  return `${result.faultsInjected} of ${result.faultsScheduled} faults injected (${missed} targeted found no node to hit)`;
}

/** The object `faultline run --json` prints. Field names are a contract: keep them. */
export function runJson(result: RunResult, replayFile: string | null): Record<string, unknown> {
  return {
    scenario: result.scenario,
    seed: result.seed,
    outcome: result.outcome,
    ...okAndKind(result),
    bugs: result.bugs,
    options: result.options,
    violations: result.violations.map((violation) => ({ property: violation.property, kind: violation.kind, message: violation.message, atMicros: violation.atMicros ?? null })),
    traceHash: result.traceHash,
    events: result.events,
    simulatedMicros: result.simulatedMicros,
    wallMs: result.wallMs,
    faultsScheduled: result.faultsScheduled,
    faultsInjected: result.faultsInjected,
    replayFile,
    summary: result.summary,
    schedule: result.schedule.map((timed) => ({ atMicros: timed.atMicros, fault: timed.fault, description: describeFault(timed.fault) })),
    coverage: result.coverage,
  };
}

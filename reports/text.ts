// Plain-text rendering of results, for the terminal and CI logs. Pure: strings in, strings out.
import { describeFault } from '../sim/faults.js';
import { formatMicros } from '../sim/time.js';
import type { RunResult } from '../scenarios/runner.js';
import type { PropertyInfo } from '../scenarios/types.js';

export function verdictWord(result: Pick<RunResult, 'ok' | 'kind'>): string {
  if (result.ok) return 'PASS';
  return result.kind === 'inconclusive' ? 'INCONCLUSIVE' : `FAIL (${result.kind})`;
}

export function renderRunText(result: RunResult, properties: readonly PropertyInfo[], replayFile: string | null): string {
  const lines: string[] = [];
  const bugs = result.bugs.length > 0 ? result.bugs.join(', ') : 'none';
  lines.push(`scenario ${result.scenario} · seed ${result.seed} · planted bugs: ${bugs}`);
  const faults = result.schedule.filter((timed) => timed.fault.kind !== 'healAll');
  lines.push(`faults: ${faults.length}${faults.length > 0 ? '' : ' (none scheduled)'}`);
  for (const timed of faults.slice(0, 12)) lines.push(`  ${formatMicros(timed.atMicros).padStart(9)}  ${describeFault(timed.fault)}`);
  if (faults.length > 12) lines.push(`  … and ${faults.length - 12} more`);
  const failed = new Set(result.violations.map((violation) => violation.property));
  for (const property of properties) {
    lines.push(`${failed.has(property.name) ? '✗' : '✓'} ${property.name} — ${property.description}`);
  }
  for (const violation of result.violations) {
    const at = violation.atMicros !== undefined ? ` [at ${formatMicros(violation.atMicros)}]` : '';
    lines.push(`  ${violation.kind} · ${violation.property}: ${violation.message}${at}`);
  }
  const summary = Object.entries(result.summary).map(([key, value]) => `${key} ${value}`).join(' · ');
  if (summary) lines.push(summary);
  lines.push(`verdict: ${verdictWord(result)} · ${result.events} events · ${formatMicros(result.simulatedMicros)} simulated in ${Math.round(result.wallMs)}ms · trace ${result.traceHash}`);
  if (replayFile !== null) lines.push(`replay: faultline replay ${replayFile}`);
  return lines.join('\n');
}

/** The object `faultline run --json` prints. Field names are a contract: keep them. */
export function runJson(result: RunResult, replayFile: string | null): Record<string, unknown> {
  return {
    scenario: result.scenario,
    seed: result.seed,
    ok: result.ok,
    kind: result.kind,
    bugs: result.bugs,
    violations: result.violations.map((violation) => ({ property: violation.property, kind: violation.kind, message: violation.message, atMicros: violation.atMicros ?? null })),
    traceHash: result.traceHash,
    events: result.events,
    simulatedMicros: result.simulatedMicros,
    wallMs: result.wallMs,
    replayFile,
    summary: result.summary,
  };
}

export function exitCodeFor(result: Pick<RunResult, 'ok' | 'kind'>): number {
  if (result.ok) return 0;
  return result.kind === 'inconclusive' ? 3 : 1;
}

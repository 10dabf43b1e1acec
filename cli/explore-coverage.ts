// Coverage across an exploration: for each goal a scenario declares ("sometimes" assertions the model
// marks with `NodeContext.cover`), how many seeds reached it. A declared goal no seed reached means the
// exploration never exercised that path — a green run that proves little — and, with
// `--require-coverage`, is a failure of its own kind (`coverage`).
import type { PropertyInfo } from '../scenarios/types.js';

export interface CoverageRow {
  goal: string;
  description: string;
  /** Seeds that reached the goal at least once. */
  seeds: number;
  declared: boolean;
}

/** One row per declared goal (in declaration order, zeros included), then any undeclared goal reached. */
export function coverageRows(declared: readonly PropertyInfo[], outcomes: readonly { covered?: readonly string[] }[]): CoverageRow[] {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) for (const goal of outcome.covered ?? []) counts.set(goal, (counts.get(goal) ?? 0) + 1);
  const rows: CoverageRow[] = declared.map((goal) => ({ goal: goal.name, description: goal.description, seeds: counts.get(goal.name) ?? 0, declared: true }));
  const known = new Set(declared.map((goal) => goal.name));
  const extra = [...counts.keys()].filter((goal) => !known.has(goal)).sort();
  for (const goal of extra) rows.push({ goal, description: '', seeds: counts.get(goal) ?? 0, declared: false });
  return rows;
}

/** Declared goals that no seed reached. */
export function unreachedGoals(rows: readonly CoverageRow[]): CoverageRow[] {
  return rows.filter((row) => row.declared && row.seeds === 0);
}

/** `  suffix-truncated  412/1000 seeds` lines, aligned. */
export function formatCoverage(rows: readonly CoverageRow[], seeds: number): string {
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((row) => row.goal.length));
  const lines = rows.map((row) => `  ${row.goal.padEnd(width)}  ${String(row.seeds).padStart(String(seeds).length)}/${seeds} seeds${row.declared ? (row.seeds === 0 ? '  NEVER REACHED' : '') : '  (not declared)'}`);
  return `coverage (seeds that reached each goal):\n${lines.join('\n')}\n`;
}

// The report of a whole exploration (the object `faultline explore --json` prints, or one merged from
// shards): failures grouped by property, the lowest failing seed of each, time to first failure and the
// coverage goals reached, when the result records them. Read defensively: anything else is an InputError.
import { inputError } from '../scenarios/input-error.js';
import { escapeHtml } from './html-escape.js';

export interface ExplorationFailure {
  seed: number;
  kind: string;
  property: string;
  message: string;
  replayFile: string | null;
}

export interface Exploration {
  scenario: string;
  seeds: number;
  fromSeed?: number;
  bugs?: string[];
  failures: ExplorationFailure[];
  inconclusive?: ExplorationFailure[];
  events?: number;
  wallMs?: number;
  seedsPerSecond?: number;
  firstFailureMs?: number | null;
  coverage?: Record<string, number>;
}

/** Checks the shape of a parsed explore/merge result. */
export function asExploration(value: unknown, name: string): Exploration {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) inputError(`${name} is not an explore result (expected a JSON object)`);
  const record = value as Record<string, unknown>;
  if (typeof record.scenario !== 'string') inputError(`${name} is not an explore result: field "scenario" should be a string`);
  if (typeof record.seeds !== 'number') inputError(`${name} is not an explore result: field "seeds" should be a number`);
  if (!Array.isArray(record.failures)) inputError(`${name} is not an explore result: field "failures" should be a list`);
  for (const list of [record.failures, record.inconclusive ?? []] as unknown[][]) {
    if (!Array.isArray(list)) inputError(`${name} is not an explore result: field "inconclusive" should be a list`);
    for (const each of list) {
      const row = each as Record<string, unknown> | null;
      if (row === null || typeof row !== 'object' || typeof row.seed !== 'number' || typeof row.property !== 'string' || typeof row.message !== 'string') {
        inputError(`${name} is damaged: a failure lacks seed/property/message`);
      }
    }
  }
  return record as unknown as Exploration;
}

export interface PropertyGroup {
  property: string;
  count: number;
  lowestSeed: number;
  example: ExplorationFailure;
}

export function groupByProperty(failures: readonly ExplorationFailure[]): PropertyGroup[] {
  const groups = new Map<string, PropertyGroup>();
  for (const failure of failures) {
    const group = groups.get(failure.property);
    if (group === undefined) groups.set(failure.property, { property: failure.property, count: 1, lowestSeed: failure.seed, example: failure });
    else {
      group.count++;
      if (failure.seed < group.lowestSeed) {
        group.lowestSeed = failure.seed;
        group.example = failure;
      }
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.lowestSeed - b.lowestSeed);
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderExplorationMarkdown(exploration: Exploration): string {
  const lines = [`# faultline explore: ${exploration.scenario}, ${exploration.seeds} seeds${exploration.fromSeed !== undefined ? ` from ${exploration.fromSeed}` : ''}`, ''];
  lines.push(`- planted bugs: ${exploration.bugs !== undefined && exploration.bugs.length > 0 ? exploration.bugs.join(', ') : 'none'}`);
  lines.push(`- ${exploration.failures.length} failing seeds, ${exploration.inconclusive?.length ?? 0} inconclusive`);
  if (exploration.firstFailureMs !== undefined && exploration.firstFailureMs !== null) lines.push(`- first failure after ${exploration.firstFailureMs} ms`);
  if (exploration.wallMs !== undefined) lines.push(`- ${exploration.wallMs} ms${exploration.seedsPerSecond !== undefined ? `, ${exploration.seedsPerSecond} seeds/s` : ''}`);
  const groups = groupByProperty(exploration.failures);
  if (groups.length > 0) {
    lines.push('', '## Failures by property', '', '| property | seeds | lowest seed | example |', '| --- | ---: | ---: | --- |');
    for (const group of groups) lines.push(`| ${markdownCell(group.property)} | ${group.count} | ${group.lowestSeed} | ${markdownCell(group.example.message)} |`);
  }
  const coverage = Object.entries(exploration.coverage ?? {});
  if (coverage.length > 0) {
    lines.push('', '## Coverage goals', '', '| goal | seeds reaching it |', '| --- | ---: |');
    for (const [goal, count] of coverage) lines.push(`| ${markdownCell(goal)} | ${count} |`);
  }
  const replays = exploration.failures.filter((each) => each.replayFile !== null).slice(0, 20);
  if (replays.length > 0) {
    lines.push('', '## Replay', '');
    for (const each of replays) lines.push(`- seed ${each.seed}: \`faultline replay ${each.replayFile}\``);
  }
  return `${lines.join('\n')}\n`;
}

export function renderExplorationHtml(exploration: Exploration): string {
  const e = escapeHtml;
  const groups = groupByProperty(exploration.failures);
  const coverage = Object.entries(exploration.coverage ?? {});
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>faultline explore ${e(exploration.scenario)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}code{background:#f4f4f4;padding:1px 4px}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}.bad{color:#c00}.good{color:#2a7}</style></head>
<body>
<h1>${e(exploration.scenario)} · ${exploration.seeds} seeds · <span class="${exploration.failures.length > 0 ? 'bad' : 'good'}">${exploration.failures.length} failing</span></h1>
<p>planted bugs: ${exploration.bugs !== undefined && exploration.bugs.length > 0 ? exploration.bugs.map((bug) => `<code>${e(bug)}</code>`).join(' ') : 'none'}${exploration.wallMs !== undefined ? ` · ${exploration.wallMs} ms` : ''}${exploration.firstFailureMs !== undefined && exploration.firstFailureMs !== null ? ` · first failure after ${exploration.firstFailureMs} ms` : ''}</p>
${groups.length > 0 ? `<h2>Failures by property</h2><table><tr><th>property</th><th>seeds</th><th>lowest seed</th><th>example</th></tr>${groups.map((group) => `<tr><td>${e(group.property)}</td><td>${group.count}</td><td>${group.lowestSeed}</td><td>${e(group.example.message)}</td></tr>`).join('')}</table>` : '<p class="good">No property failed.</p>'}
${coverage.length > 0 ? `<h2>Coverage goals</h2><table><tr><th>goal</th><th>seeds reaching it</th></tr>${coverage.map(([goal, count]) => `<tr><td>${e(goal)}</td><td>${count}</td></tr>`).join('')}</table>` : ''}
<h2>Failing seeds</h2><ol>${exploration.failures.slice(0, 200).map((each) => `<li>seed ${each.seed} · <b>${e(each.property)}</b>: ${e(each.message)}${each.replayFile !== null ? ` · <code>faultline replay ${e(each.replayFile)}</code>` : ''}</li>`).join('')}</ol>
</body></html>
`;
}

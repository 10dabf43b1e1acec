// Proves the Markdown report keeps its fault table intact: a partition's `{n1} | {n2,n3}` (and any
// other `|`) is escaped inside its cell, so every row still has exactly two cells.
import { describe, expect, it } from 'vitest';
import { demoCounter } from '../scenarios/demo-counter.js';
import { resolveConfig, runScenario } from '../scenarios/runner.js';
import { renderMarkdown, tableCell } from './markdown.js';

const cells = (line: string): string[] => line.split(/(?<!\\)\|/).slice(1, -1);

describe('renderMarkdown', () => {
  it('escapes | in fault descriptions, so a partition stays in one cell', () => {
    const config = resolveConfig(demoCounter, ['durationMicros=500000', 'faults.endMicros=400000', 'counter.pingFromMicros=450000']);
    const schedule = [
      { atMicros: 100_000, fault: { kind: 'partition' as const, groups: [['n1'], ['n2', 'n3']] } },
      { atMicros: 200_000, fault: { kind: 'partitionOneWay' as const, sources: ['n1'], targets: ['n2'] } },
      { atMicros: 400_000, fault: { kind: 'healAll' as const } },
    ];
    const result = runScenario({ scenario: demoCounter, seed: 1, config, bugs: [], schedule });
    const markdown = renderMarkdown({ result, properties: demoCounter.properties, replayFile: null, shrunk: null });
    const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| time') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(3);
    for (const line of rows) expect(cells(line), line).toHaveLength(2);
    expect(rows[0]).toBe('| 100.0ms | partition {n1} \\| {n2,n3} |');
  });

  it('tableCell escapes backslashes first, pipes, and folds newlines', () => {
    expect(tableCell('a|b')).toBe('a\\|b');
    expect(tableCell('a\\|b')).toBe('a\\\\\\|b');
    expect(tableCell('one\ntwo')).toBe('one two');
  });
});

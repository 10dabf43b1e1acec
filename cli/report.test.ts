// Proves `faultline report` on the real, compiled CLI: a replay file of a `--set`/`--bug` run renders to
// HTML with the space-time diagram and those settings in the header, and to Markdown and JSON; the JSON
// `explore` printed renders as an exploration summary grouped by property; bad input is one line and
// exit 2. `faultline ui` away from a terminal refuses with one line too.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-report-'));

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args);
}

describe('faultline report', () => {
  it('renders a replay file of a --set/--bug run to HTML, Markdown and JSON', () => {
    const run = faultline('run', 'demo-counter', '--seed', '3', '--bug', 'mute-after-restart', '--set', 'durationMicros=4000000', '--no-shrink', '--json', '--out', out);
    expect(run.status).toBe(1);
    const replayFile = JSON.parse(run.stdout).replayFile as string;
    const html = join(out, 'r.html');
    const md = join(out, 'r.md');
    const report = faultline('report', replayFile, '--html', html, '--md', md, '--json');
    expect(report.status, report.stderr).toBe(0);
    const json = JSON.parse(report.stdout);
    expect(json.reproduced).toBe(true);
    expect(json.overrides).toEqual(['durationMicros=4000000']);
    expect(json.messagesShown).toBeGreaterThan(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg id="spacetime"');
    expect(page).toContain('--set durationMicros=4000000');
    expect(page).toContain('bugs: mute-after-restart');
    expect(readFileSync(md, 'utf8')).toContain('--set durationMicros=4000000');
    // The run's own report states the same header.
    expect(readFileSync(replayFile.replace(/\.replay$/, '.html'), 'utf8')).toContain('--set durationMicros=4000000');
  });

  it('renders an explore result as a summary grouped by property', () => {
    const explore = faultline('explore', 'demo-counter', '--seeds', '3', '--workers', '1', '--bug', 'mute-after-restart', '--json', '--out', out);
    expect(explore.status).toBe(1);
    const file = join(out, 'explore.json');
    writeFileSync(file, explore.stdout);
    const md = join(out, 'explore.md');
    const report = faultline('report', file, '--md', md);
    expect(report.status, report.stderr).toBe(0);
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('## Failures by property');
    expect(text).toMatch(/\| responds-after-heal \| \d \| 1 \|/);
  });

  it('bad input: one line, exit 2', () => {
    const garbage = join(out, 'garbage.replay');
    writeFileSync(garbage, 'not a replay');
    for (const args of [['report', garbage], ['report', join(out, 'missing.replay')], ['report', join(out, 'r.md')]]) {
      const result = faultline(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const brokenJson = join(out, 'broken.json');
    writeFileSync(brokenJson, '{"scenario": 3}');
    expect(faultline('report', brokenJson).status).toBe(2);
  });

  it('faultline ui away from a terminal refuses with one line', () => {
    const result = faultline('ui');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/needs an interactive terminal/);
  });
});

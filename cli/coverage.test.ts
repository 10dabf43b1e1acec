// Proves coverage goals end to end through the compiled CLI: explore counts, per declared goal, the seeds
// that reached it (text and --json); --require-coverage passes when every goal was reached and fails
// with exit 1 and a `coverage` failure when one was not (faults that reach it switched off); list shows
// each scenario's goals; a failing run whose schedule holds targeted faults replays exactly.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-coverage-'));

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args);
}

const noRestarts = ['--set', 'faults.kinds.crash.eventsMax=0', '--set', 'faults.kinds.powerLoss.eventsMax=0'];

describe('coverage goals', () => {
  it('explore --require-coverage passes when every declared goal was reached, with per-goal seed counts', () => {
    const result = faultline('explore', 'demo-counter', '--seeds', '6', '--workers', '2', '--require-coverage', '--json', '--out', out);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.coverage['restarted-from-disk']).toBeGreaterThan(0);
    expect(report.coverage['restarted-from-disk']).toBeLessThanOrEqual(6);
    expect(report.failures).toEqual([]);
    expect(report.coverageFailures).toEqual([]);
  });

  it('a goal no seed reached is a coverage failure: exit 1 with --require-coverage, a warning without', () => {
    const required = faultline('explore', 'demo-counter', '--seeds', '3', '--workers', '1', '--require-coverage', '--json', '--out', out, ...noRestarts);
    expect(required.status).toBe(1);
    const report = JSON.parse(required.stdout);
    expect(report.coverage).toEqual({ 'restarted-from-disk': 0 });
    expect(report.failures).toEqual([]);
    expect(report.coverageFailures).toEqual([expect.objectContaining({ kind: 'coverage', goal: 'restarted-from-disk' })]);
    const text = faultline('explore', 'demo-counter', '--seeds', '3', '--workers', '1', '--require-coverage', '--out', out, ...noRestarts);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/restarted-from-disk\s+0\/3 seeds\s+NEVER REACHED/);
    expect(text.stdout).toMatch(/coverage failure: coverage goal restarted-from-disk/);
    const lenient = faultline('explore', 'demo-counter', '--seeds', '3', '--workers', '1', '--out', out, ...noRestarts);
    expect(lenient.status).toBe(0);
  });

  it('list shows every scenario’s goals', () => {
    const list = JSON.parse(faultline('list', '--json').stdout) as { scenarios: { name: string; coverage: string[] }[] };
    const goals = Object.fromEntries(list.scenarios.map((scenario) => [scenario.name, scenario.coverage]));
    expect(goals['swarm']).toEqual(expect.arrayContaining(['election-with-divergent-log', 'suffix-truncated', 'torn-tail-cut', 'lease-expired-during-read', 'retry-deduplicated']));
    expect(goals['clock-skew']).toContain('lease-expired-during-read');
    expect(goals['logstore-crash']).toContain('torn-tail-cut');
    for (const scenario of list.scenarios) expect(scenario.coverage.length, scenario.name).toBeGreaterThan(0);
    expect(faultline('list').stdout).toMatch(/coverage goals: election-with-divergent-log/);
  });

  it('a failure found by targeted faults replays to the same trace hash', () => {
    // Swarm seed 127 also draws its own design options; the replay file records the config before the
    // draw, and the replay draws the same options again.
    const run = faultline('run', 'swarm', '--seed', '127', '--bug', 'commit-previous-term-entry', '--no-shrink', '--json', '--out', out);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.options.length).toBeGreaterThan(0);
    const replay = JSON.parse(faultline('replay', result.replayFile, '--json').stdout);
    expect(replay.reproduced).toBe(true);
    expect(replay.options).toEqual(result.options);
  });

  it('bad input to --require-coverage’s neighbours stays one line, exit 2', () => {
    const result = faultline('explore', 'demo-counter', '--require-coverage', '--seeds', '0');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

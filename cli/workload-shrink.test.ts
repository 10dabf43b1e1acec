// Proves workload shrinking through the binary, as a user meets it: `run` of a planted bug reports
// before/after sizes (text and JSON), the replay file keeps the shrunk config so `replay --shrunk`
// reproduces the shrunk failure's trace hash, `report --shrunk` renders it, `--no-shrink-workload`
// turns it off, and a bad budget is one line and exit 2.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInputRun, faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-workload-'));

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args);
}

interface Sizes {
  counts: Record<string, number>;
  operations: number;
  durationMicros: number;
}

describe('run shrinks the workload of a failing seed', () => {
  it('logstore-crash --bug ack-before-fsync: fewer clients, operations and time; replay --shrunk reproduces it', () => {
    const run = faultline('run', 'logstore-crash', '--seed', '3', '--bug', 'ack-before-fsync', '--shrink-workload-attempts', '40', '--json', '--out', out);
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as { replayFile: string; traceHash: string; shrunkTraceHash: string; workloadShrink: { before: Sizes; after: Sizes; attempts: number; attemptsMax: number; overrides: string[] } };
    const workload = json.workloadShrink;
    expect(workload.attemptsMax).toBe(40);
    expect(workload.attempts).toBeLessThanOrEqual(40);
    expect(workload.before).toMatchObject({ counts: { clients: 4, streams: 8 }, durationMicros: 4_000_000 });
    expect(workload.after.counts['clients']).toBe(1);
    expect(workload.after.operations).toBeLessThan(workload.before.operations);
    expect(workload.after.durationMicros).toBeLessThan(workload.before.durationMicros);
    expect(json.shrunkTraceHash).not.toBe(json.traceHash);

    const replay = JSON.parse(faultline('replay', json.replayFile, '--shrunk', '--json').stdout) as { reproduced: boolean; traceHash: string; simulatedMicros: number; violations: { property: string }[] };
    expect(replay.reproduced).toBe(true);
    expect(replay.traceHash).toBe(json.shrunkTraceHash);
    expect(replay.simulatedMicros).toBe(workload.after.durationMicros);
    expect(replay.violations.every((each) => each.property === 'acked-appends-durable')).toBe(true);
    // The original run still replays as it was.
    expect(JSON.parse(faultline('replay', json.replayFile, '--json').stdout).traceHash).toBe(json.traceHash);

    const dump = JSON.parse(faultline('replay', json.replayFile, '--dump').stdout) as { config: { workload: { clientCount: number } }; shrunk: { config: { workload: { clientCount: number } } } };
    expect(dump.config.workload.clientCount).toBe(4);
    expect(dump.shrunk.config.workload.clientCount).toBe(1);
    const report = JSON.parse(faultline('report', json.replayFile, '--shrunk', '--json').stdout) as { reproduced: boolean; overrides: string[] };
    expect(report.reproduced).toBe(true);
    expect(report.overrides).toContain('workload.clientCount=1');
    const markdown = readFileSync(json.replayFile.replace(/\.replay$/, '.md'), 'utf8');
    expect(markdown).toMatch(/Workload shrunk: clients 4 → 1, streams 8 → \d+, operations \d+ → \d+, duration 4\.000s → /);
  });

  it('prints the sizes in text, and --no-shrink-workload leaves the workload alone', () => {
    const text = faultline('run', 'demo-counter', '--seed', '11', '--bug', 'mute-after-restart', '--out', out);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^workload shrunk: clients 2 → 1, operations \d+ → \d+, duration 5\.000s → [\d.]+s \(\d+ attempts?(, \d+ with the bugs off)?\)$/m);
    expect(text.stdout).toMatch(/the shrunk run \(replay --shrunk\) sets .*--set counter\.clientCount=1/);
    const off = JSON.parse(faultline('run', 'demo-counter', '--seed', '11', '--bug', 'mute-after-restart', '--no-shrink-workload', '--json', '--out', join(out, 'off')).stdout) as { workloadShrink: unknown; shrunkSchedule: unknown[]; replayFile: string };
    expect(off.workloadShrink).toBeNull();
    expect(off.shrunkSchedule.length).toBeGreaterThan(0);
    expect(existsSync(off.replayFile)).toBe(true);
  });

  it('list --json shows what each scenario may shrink', () => {
    const list = JSON.parse(faultline('list', '--json').stdout) as { scenarios: { name: string; workloadShrink: { counts: { name: string; path: string }[] } | null }[] };
    expect(list.scenarios.find((each) => each.name === 'logstore-crash')?.workloadShrink?.counts.map((each) => each.path)).toEqual(['workload.clientCount', 'workload.streamCount']);
    expect(list.scenarios.every((each) => each.workloadShrink !== null)).toBe(true);
  });

  it('refuses a bad budget with one line and exit 2', () => {
    for (const value of ['0', 'abc', '10001']) {
      expectBadInputRun(faultline('run', 'demo-counter', '--seed', '1', '--shrink-workload-attempts', value), /--shrink-workload-attempts must be/, value);
    }
  });
});

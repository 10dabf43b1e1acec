// The path from a failing seed to an understanding of it: replay with the models' own log lines,
// reports written from a replay file, and a determinism check that answers in JSON.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-debug-'));

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args);
}

describe('debugging a failing seed', () => {
  const run = faultline('run', 'logstore-crash', '--seed', '3', '--bug', 'ack-before-fsync', '--no-shrink', '--json', '--out', out);
  const replayFile = (JSON.parse(run.stdout) as { replayFile: string }).replayFile;

  it('replay --trace prints every event, the models\' log lines among them, and still reproduces', () => {
    const replay = faultline('replay', replayFile, '--trace');
    expect(replay.status).toBe(1);
    const lines = replay.stdout.split('\n');
    expect(lines.filter((line) => /^\s+\S+\s+c1\s+deliver\s/.test(line)).length).toBeGreaterThan(100);
    expect(lines.some((line) => /\sn1\s+log\s+recovered \d+ records/.test(line))).toBe(true);
    expect(replay.stdout).toMatch(/reproduced: same trace hash/);
  });

  it('replay --trace --json carries the trace; replay --report writes the reports', () => {
    const json = JSON.parse(faultline('replay', replayFile, '--trace', '--json').stdout) as { trace: { kind: string }[]; reproduced: boolean };
    expect(json.reproduced).toBe(true);
    expect(json.trace.some((entry) => entry.kind === 'log')).toBe(true);
    const directory = join(out, 'reports');
    const report = JSON.parse(faultline('replay', replayFile, '--report', directory, '--json').stdout) as { report: string };
    expect(report.report.startsWith(directory)).toBe(true);
    expect(existsSync(report.report)).toBe(true);
    expect(existsSync(report.report.replace(/\.html$/, '.md'))).toBe(true);
  });

  it('run --check-determinism answers in JSON under --json', () => {
    const result = faultline('run', 'demo-counter', '--seed', '5', '--check-determinism', '--json');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { determinism: { deterministic: boolean; traceHash: string; workerTraceHash: string } };
    expect(json.determinism.deterministic).toBe(true);
    expect(json.determinism.workerTraceHash).toBe(json.determinism.traceHash);
  });
});

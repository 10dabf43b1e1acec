// Proves per-run metrics end to end through the compiled CLI: explore of a read-model scenario prints
// the measured loss window after the coverage counts and puts it in --json as metrics {seeds, max, sum,
// mean}; merging two shards gives the same figures as the unsharded run; a scenario that measures
// nothing prints no such section.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultlineProcess } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-metrics-'));

describe('explore metrics', () => {
  it('readmodel-crash: the loss window is measured per seed and aggregated, in text and --json, and merges across shards', () => {
    const whole = faultlineProcess(['explore', 'readmodel-crash', '--seeds', '8', '--workers', '2', '--json', '--out', out]);
    expect(whole.status).toBe(0);
    const report = JSON.parse(whole.stdout);
    const window = report.metrics.lossWindowEvents;
    expect(window.seeds).toBeGreaterThan(0);
    expect(window.max).toBeGreaterThanOrEqual(1);
    expect(window.mean).toBe(Math.round((window.sum / 8) * 100) / 100);
    expect(report.metrics.lossWindowMicros.max).toBeLessThanOrEqual(30_000);
    expect(report.metrics.lossWindowBoundMicros).toEqual({ seeds: 8, max: 30_000, sum: 240_000, mean: 30_000 });
    const files = [0, 1].map((index) => {
      const shard = faultlineProcess(['explore', 'readmodel-crash', '--seeds', '8', '--workers', '1', '--shard', `${index}/2`, '--json', '--out', out]);
      const file = join(out, `shard${index}.json`);
      writeFileSync(file, shard.stdout);
      return file;
    });
    const merged = JSON.parse(faultlineProcess(['merge', ...files, '--json']).stdout);
    expect(merged.metrics).toEqual(report.metrics);
    const text = faultlineProcess(['explore', 'readmodel-crash', '--seeds', '4', '--workers', '1', '--out', out]);
    expect(text.stdout).toMatch(/measured \(per seed, over 4 seeds\):\n(.*\n)*  lossWindowEvents\s+max \d+ · mean [\d.]+ · non-zero in \d\/4 seeds/);
    // Durations (figures named …Micros) read as times, like every other time in the output.
    expect(text.stdout).toMatch(/  lossWindowBoundMicros\s+max 30\.0ms · mean 30\.0ms · non-zero in 4\/4 seeds/);
  });

  it('a scenario that measures nothing prints no measured section', () => {
    const text = faultlineProcess(['explore', 'demo-counter', '--seeds', '2', '--workers', '1', '--out', out]);
    expect(text.status).toBe(0);
    expect(text.stdout).not.toMatch(/measured/);
    expect(JSON.parse(faultlineProcess(['explore', 'demo-counter', '--seeds', '2', '--workers', '1', '--json', '--out', out]).stdout).metrics).toEqual({});
  });
});

// Per-run figures a scenario measures (`ScenarioRun.metrics`, e.g. the events a write-behind design
// lost to one crash) aggregated over an exploration's seeds: for each figure, how many seeds had a
// non-zero value, the largest value and the sum (the mean is sum / seeds). Explore prints them after the
// coverage counts and puts them in `--json` as `metrics`; `merge` adds shards' aggregates together.
import { formatMicros } from '../sim/time.js';

export interface MetricAggregate {
  /** Seeds that reported the figure with a non-zero value. */
  seeds: number;
  max: number;
  sum: number;
  /** sum over every seed of the exploration (zeros included). */
  mean: number;
}

export function aggregateMetrics(outcomes: readonly { metrics?: Readonly<Record<string, number>> }[]): Record<string, MetricAggregate> {
  const result: Record<string, MetricAggregate> = {};
  for (const outcome of outcomes) {
    for (const [name, value] of Object.entries(outcome.metrics ?? {})) {
      const each = result[name] ?? { seeds: 0, max: 0, sum: 0, mean: 0 };
      if (value !== 0) each.seeds++;
      each.max = Math.max(each.max, value);
      each.sum += value;
      result[name] = each;
    }
  }
  for (const each of Object.values(result)) each.mean = outcomes.length === 0 ? 0 : round(each.sum / outcomes.length);
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Shards' aggregates added together (`seeds` is the merged exploration's seed count, for the mean). */
export function mergeMetrics(parts: readonly Readonly<Record<string, MetricAggregate>>[], seeds: number): Record<string, MetricAggregate> {
  const result: Record<string, MetricAggregate> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part)) {
      const each = result[name] ?? { seeds: 0, max: 0, sum: 0, mean: 0 };
      each.seeds += value.seeds;
      each.max = Math.max(each.max, value.max);
      each.sum += value.sum;
      result[name] = each;
    }
  }
  for (const each of Object.values(result)) each.mean = seeds === 0 ? 0 : round(each.sum / seeds);
  return result;
}

/** `  lossWindowEvents  max 7 · mean 0.42 · non-zero in 312/1000 seeds` lines, aligned; durations as times. */
export function formatMetrics(metrics: Readonly<Record<string, MetricAggregate>>, seeds: number): string {
  const names = Object.keys(metrics);
  if (names.length === 0) return '';
  const width = Math.max(...names.map((name) => name.length));
  const lines = names.map((name) => {
    const each = metrics[name] as MetricAggregate;
    // A figure named …Micros is a duration: shown as one (`26.9ms`), like every time in the output.
    const shown = name.endsWith('Micros') ? (value: number) => formatMicros(Math.round(value)) : (value: number) => String(value);
    return `  ${name.padEnd(width)}  max ${shown(each.max)} · mean ${shown(each.mean)} · non-zero in ${each.seeds}/${seeds} seeds`;
  });
  return `measured (per seed, over ${seeds} seeds):\n${lines.join('\n')}\n`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

// Combines the `explore --json` results of shards (`--shard i/n` on several machines, or disjoint seed
// ranges) into one summary: failures and inconclusive seeds in seed order, totals, and coverage counts
// added up. Shards that do not belong together are refused as bad input: another scenario, config,
// scenario module, bug set or tool version; two results covering the same shard (or overlapping
// ranges); a range some of whose shards are missing. Pure: the caller reads the files.
import { mergeMetrics, type MetricAggregate } from './explore-metrics.js';
import { inputError } from '../scenarios/input-error.js';

export interface ExploreRow {
  seed: number;
  kind: string;
  property: string;
  message: string;
  replayFile: string | null;
}

/** The fields of an `explore --json` object that merging reads. */
export interface ExploreSummary {
  scenario: string;
  seeds: number;
  fromSeed: number;
  seedsRequested: number;
  shard: { index: number; count: number };
  seedsInShard: number;
  stoppedBy: string | null;
  configDigest: string;
  scenarioModule: string | null;
  toolVersion: string;
  bugs: string[];
  failures: ExploreRow[];
  inconclusive: ExploreRow[];
  events: number;
  wallMs: number;
  coverage?: unknown;
  metrics?: Record<string, MetricAggregate>;
}

export interface MergedExplore {
  scenario: string;
  /** Seeds that ran, over every shard. */
  seeds: number;
  fromSeed: number;
  /** Each seed range and the shards that covered it. */
  ranges: { fromSeed: number; seeds: number; shards: number }[];
  bugs: string[];
  configDigest: string;
  scenarioModule: string | null;
  toolVersion: string;
  shardsMerged: number;
  /** Inputs that stopped before their last seed (`--stop-on-first`, `--time`): their seeds are not all covered. */
  stoppedEarly: { file: string; stoppedBy: string; seeds: number; seedsInShard: number }[];
  failures: ExploreRow[];
  inconclusive: ExploreRow[];
  events: number;
  /** Wall time added over the shards (machine time spent), and the longest single shard. */
  wallMs: number;
  wallMsMax: number;
  coverage?: unknown;
  metrics?: Record<string, MetricAggregate>;
}

/** Checks one parsed file's shape; `file` names it in every message. */
export function parseExploreSummary(value: unknown, file: string): ExploreSummary {
  const not = (what: string): never => inputError(`${file} is not an explore --json result of this faultline (${what})`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) not('not a JSON object');
  const record = value as Record<string, unknown>;
  const integer = (key: string): void => {
    if (typeof record[key] !== 'number' || !Number.isSafeInteger(record[key]) || (record[key] as number) < 0) not(`field "${key}" should be a non-negative integer`);
  };
  for (const key of ['seeds', 'fromSeed', 'seedsRequested', 'seedsInShard', 'events', 'wallMs']) integer(key);
  for (const key of ['scenario', 'configDigest', 'toolVersion']) if (typeof record[key] !== 'string') not(`field "${key}" should be a string`);
  const shard = record.shard as Record<string, unknown> | null;
  if (shard === null || typeof shard !== 'object' || !Number.isSafeInteger(shard.index) || !Number.isSafeInteger(shard.count) || (shard.count as number) < 1 || (shard.index as number) < 0 || (shard.index as number) >= (shard.count as number)) {
    not('field "shard" should be {index, count} with 0 <= index < count');
  }
  if (!Array.isArray(record.bugs) || !record.bugs.every((bug) => typeof bug === 'string')) not('field "bugs" should be a list of names');
  for (const key of ['failures', 'inconclusive']) {
    const rows = record[key];
    if (!Array.isArray(rows)) not(`field "${key}" should be a list`);
    for (const row of rows as unknown[]) {
      const each = row as Record<string, unknown> | null;
      if (each === null || typeof each !== 'object' || !Number.isSafeInteger(each.seed) || typeof each.property !== 'string' || typeof each.message !== 'string') not(`an entry of "${key}" lacks seed/property/message`);
    }
  }
  if (record.stoppedBy !== null && typeof record.stoppedBy !== 'string') not('field "stoppedBy" should be null or a string');
  if (record.scenarioModule !== null && typeof record.scenarioModule !== 'string') not('field "scenarioModule" should be null or a path');
  return record as unknown as ExploreSummary;
}

export function mergeExploreSummaries(inputs: readonly { file: string; summary: ExploreSummary }[]): MergedExplore {
  if (inputs.length === 0) inputError('merge needs at least one explore --json result');
  const first = inputs[0] as { file: string; summary: ExploreSummary };
  const same = (label: string, of: (summary: ExploreSummary) => string): void => {
    for (const each of inputs) {
      if (of(each.summary) !== of(first.summary)) {
        inputError(`cannot merge: ${first.file} and ${each.file} have different ${label} (${of(first.summary)} vs ${of(each.summary)})`);
      }
    }
  };
  same('scenarios', (summary) => summary.scenario);
  same('scenario modules', (summary) => summary.scenarioModule ?? 'built in');
  same('configs (--set values; config digest)', (summary) => summary.configDigest);
  same('bugs', (summary) => [...summary.bugs].sort().join('+') || 'none');
  same('faultline versions', (summary) => summary.toolVersion);

  // Group by seed range; a range is covered by its shards i/n, each exactly once.
  const ranges = new Map<string, { fromSeed: number; seeds: number; count: number; files: Map<number, string> }>();
  for (const { file, summary } of inputs) {
    const key = `${summary.fromSeed}+${summary.seedsRequested}`;
    let range = ranges.get(key);
    if (range === undefined) {
      range = { fromSeed: summary.fromSeed, seeds: summary.seedsRequested, count: summary.shard.count, files: new Map() };
      ranges.set(key, range);
    }
    if (summary.shard.count !== range.count) {
      inputError(`cannot merge: ${file} splits seeds ${describeRange(range)} into ${summary.shard.count} shards, ${[...range.files.values()][0]} into ${range.count}`);
    }
    const earlier = range.files.get(summary.shard.index);
    if (earlier !== undefined) inputError(`cannot merge: ${earlier} and ${file} both hold shard ${summary.shard.index}/${range.count} of seeds ${describeRange(range)} (overlapping shards)`);
    range.files.set(summary.shard.index, file);
  }
  const sorted = [...ranges.values()].sort((a, b) => a.fromSeed - b.fromSeed);
  for (let index = 1; index < sorted.length; index++) {
    const before = sorted[index - 1] as (typeof sorted)[number];
    const after = sorted[index] as (typeof sorted)[number];
    if (after.fromSeed < before.fromSeed + before.seeds) {
      inputError(`cannot merge: seed ranges ${describeRange(before)} (${[...before.files.values()][0]}) and ${describeRange(after)} (${[...after.files.values()][0]}) overlap`);
    }
  }
  for (const range of sorted) {
    const missing = Array.from({ length: range.count }, (_, index) => index).filter((index) => !range.files.has(index));
    if (missing.length > 0) {
      inputError(`cannot merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${range.count}`).join(', ')} of seeds ${describeRange(range)} ${missing.length > 1 ? 'are' : 'is'} missing`);
    }
  }

  const bySeed = (a: ExploreRow, b: ExploreRow): number => a.seed - b.seed;
  const summaries = inputs.map((each) => each.summary);
  const merged: MergedExplore = {
    scenario: first.summary.scenario,
    seeds: sum(summaries.map((summary) => summary.seeds)),
    fromSeed: Math.min(...summaries.map((summary) => summary.fromSeed)),
    ranges: sorted.map((range) => ({ fromSeed: range.fromSeed, seeds: range.seeds, shards: range.count })),
    bugs: first.summary.bugs,
    configDigest: first.summary.configDigest,
    scenarioModule: first.summary.scenarioModule,
    toolVersion: first.summary.toolVersion,
    shardsMerged: inputs.length,
    stoppedEarly: inputs
      .filter((each) => each.summary.stoppedBy !== null)
      .map((each) => ({ file: each.file, stoppedBy: each.summary.stoppedBy as string, seeds: each.summary.seeds, seedsInShard: each.summary.seedsInShard })),
    failures: summaries.flatMap((summary) => summary.failures).sort(bySeed),
    inconclusive: summaries.flatMap((summary) => summary.inconclusive).sort(bySeed),
    events: sum(summaries.map((summary) => summary.events)),
    wallMs: sum(summaries.map((summary) => summary.wallMs)),
    wallMsMax: Math.max(...summaries.map((summary) => summary.wallMs)),
  };
  const coverages: unknown[] = summaries.map((summary) => summary.coverage).filter((coverage) => coverage !== undefined && coverage !== null);
  if (coverages.length > 0) merged.coverage = coverages.reduce<unknown>((total, coverage) => addCounts(total, coverage), undefined);
  const metrics = summaries.map((summary) => summary.metrics).filter((each): each is Record<string, MetricAggregate> => each !== undefined && each !== null && typeof each === 'object');
  if (metrics.length > 0) merged.metrics = mergeMetrics(metrics, merged.seeds);
  return merged;
}

function describeRange(range: { fromSeed: number; seeds: number }): string {
  return `${range.fromSeed}..${range.fromSeed + range.seeds - 1}`;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Adds numbers leaf by leaf (coverage counts per goal, however nested); other leaves keep the first value. */
function addCounts(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return a ?? b;
  const result: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [key, value] of Object.entries(b as Record<string, unknown>)) result[key] = key in result ? addCounts(result[key], value) : value;
  return result;
}

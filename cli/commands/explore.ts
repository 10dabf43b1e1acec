// faultline explore SCENARIO: many seeds on worker threads; every failing seed gets a replay file.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { replayFromResult, writeReplayFile } from '../../reports/replay-file.js';
import { shortDigest } from '../../reports/digest.js';
import { resolveScenarioArgument } from '../scenario-argument.js';
import { collect, parseNonNegativeInteger, parsePositiveInteger, parseSeconds, parseShard } from '../options.js';
import { runSeedsOnWorkers } from '../explore-pool.js';
import { chooseListener, exploreLive, writeExplorationSummary } from '../live-explore.js';
import type { SeedOutcome } from '../explore-protocol.js';
import { exitCodes } from '../exit-codes.js';
import { applyScheduleOption } from '../schedule-option.js';
import { coverageRows, formatCoverage, unreachedGoals } from '../explore-coverage.js';
import { toolVersion } from '../version.js';
import { aggregateMetrics, formatMetrics } from '../../reports/explore-metrics.js';

/** Replay files written per explore run; failures beyond it are still listed. */
const REPLAY_FILES_MAX = 100;

/** Seeds an explore with `--time` and no `--seeds` may run: the time, not this, is meant to end it. */
const TIMED_SEEDS_DEFAULT = 1_000_000;

interface ExploreOptions {
  seeds?: string;
  time?: string;
  fromSeed: string;
  workers?: string;
  stopOnFirst?: boolean;
  shard?: string;
  set: string[];
  schedule?: string;
  bug: string[];
  json?: boolean;
  out: string;
  requireCoverage?: boolean;
  ui?: boolean;
}

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('run a range of seeds on worker threads and report every failing seed')
    .argument('<scenario>', 'scenario name (see `faultline list`) or the path of a scenario module (./my-scenario.js)')
    .option('--seeds <n>', `how many seeds (default 100; with --time, ${TIMED_SEEDS_DEFAULT})`)
    .option('--time <seconds>', 'stop handing out seeds once this much wall time is spent (the seeds started still finish)')
    .option('--from-seed <n>', 'first seed', '1')
    .option('--workers <k>', 'worker threads (default: number of cores)')
    .option('--stop-on-first', 'stop at the lowest failing seed')
    .option('--shard <i/n>', 'run only seeds whose index modulo n is i (spread one range over n machines)')
    .option('--set <path=value>', 'override a config field by dotted path (repeatable)', collect, [])
    .option('--schedule <file>', 'a fixed fault schedule (JSON list of {atMicros, fault}) for every seed, instead of the generated one')
    .option('--bug <name>', 'switch on a planted bug (repeatable)', collect, [])
    .option('--json', 'print one JSON object')
    .option('--no-ui', 'plain lines even at a terminal (no live view)')
    .option('--out <dir>', 'where replay files go', './faultline-out')
    .option('--require-coverage', 'fail (exit 1, a `coverage` failure) when a coverage goal the scenario declares was reached by no seed')
    .addHelpText(
      'after',
      `
Examples:
  $ faultline explore logstore-crash --seeds 500 --workers 2
  $ faultline explore swarm --bug commit-previous-term-entry --seeds 2000 --stop-on-first
  $ faultline explore partition-primary --time 60 --json > partition-primary.json
  $ faultline explore swarm --seeds 10000 --shard 0/2 --json > a.json   # on one machine
  $ faultline explore swarm --seeds 10000 --shard 1/2 --json > b.json   # on another
  $ faultline merge a.json b.json`,
    )
    .action(async (name: string, options: ExploreOptions) => {
      process.exitCode = await exploreCommand(name, options);
    });
}

export async function exploreCommand(name: string, options: ExploreOptions): Promise<number> {
  const { scenario, config, module } = await resolveScenarioArgument(name, options.set, options.bug);
  applyScheduleOption(options.schedule, scenario, config);
  const timeSeconds = options.time !== undefined ? parseSeconds(options.time, '--time') : null;
  const count = options.seeds !== undefined ? parsePositiveInteger(options.seeds, '--seeds', 100_000_000) : timeSeconds !== null ? TIMED_SEEDS_DEFAULT : 100;
  const fromSeed = parseNonNegativeInteger(options.fromSeed, '--from-seed');
  const workers = options.workers !== undefined ? parsePositiveInteger(options.workers, '--workers', 256) : availableParallelism();
  const shard = options.shard !== undefined ? parseShard(options.shard) : { index: 0, count: 1 };
  const seeds: number[] = [];
  for (let offset = 0; offset < count; offset++) if (offset % shard.count === shard.index) seeds.push(fromSeed + offset);
  const startedMs = performance.now();
  // Peak resident memory of the whole process (main thread and workers), sampled every 200 ms.
  let peakRssBytes = process.memoryUsage.rss();
  const rssSampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss())), 200);
  rssSampler.unref(); // never what keeps the process alive, even if the exploration throws
  // The live view, plain lines or nothing (--json); Ctrl-C keeps what finished (see live-explore.ts).
  const { outcomes, interrupted, tracker } = await exploreLive(
    {
      scenario: scenario.name,
      ...(module !== null ? { scenarioModule: module.path } : {}),
      ...(timeSeconds !== null ? { deadlineMs: startedMs + timeSeconds * 1000 } : {}),
      definition: scenario,
      config,
      bugs: options.bug,
      seeds,
      workers,
      stopOnFirst: options.stopOnFirst === true,
      listener: chooseListener(options),
    },
    runSeedsOnWorkers,
  );
  const wallMs = performance.now() - startedMs;
  clearInterval(rssSampler);
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  let written = 0;
  const row = (outcome: SeedOutcome) => {
    const replay = { ...replayFromResult({ ...outcome, scenario: scenario.name, config, bugs: options.bug, schedule: outcome.schedule ?? [] }, toolVersion()), ...(module !== null ? { scenarioModule: module } : {}) };
    const replayFile = written < REPLAY_FILES_MAX ? writeReplayFile(options.out, replay, scenario.defaults) : null;
    if (replayFile !== null) written++;
    const first = outcome.violations[0];
    return { seed: outcome.seed, kind: outcome.outcome === 'fail' ? outcome.kind : 'inconclusive', property: first?.property ?? '', message: first?.message ?? '', replayFile };
  };
  // Failing seeds first (they get replay files first), then the seeds no checker could decide.
  const failureRows = outcomes.filter((outcome) => outcome.outcome === 'fail').map(row);
  const inconclusiveRows = outcomes.filter((outcome) => outcome.outcome === 'inconclusive').map(row);
  const coverage = coverageRows(scenario.coverage ?? [], outcomes);
  const unreached = unreachedGoals(coverage);
  const coverageFailures =
    options.requireCoverage === true
      ? unreached.map((row) => ({ kind: 'coverage' as const, goal: row.goal, message: `coverage goal ${row.goal} (${row.description}) was reached by none of ${outcomes.length} seeds` }))
      : [];
  const metrics = aggregateMetrics(outcomes);
  const events = outcomes.reduce((sum, outcome) => sum + outcome.events, 0);
  const seconds = wallMs / 1000;
  const report = {
    scenario: scenario.name,
    seeds: outcomes.length,
    fromSeed,
    workers,
    bugs: options.bug,
    // What `faultline merge` needs to check that shards belong together and cover the range once.
    seedsRequested: count,
    shard,
    seedsInShard: seeds.length,
    stoppedBy: outcomes.length === seeds.length ? null : options.stopOnFirst === true && failureRows.length > 0 ? 'first-failure' : 'time',
    configDigest: shortDigest(config),
    scenarioModule: module?.path ?? null,
    toolVersion: toolVersion(),
    failures: failureRows,
    /** Declared coverage goals no seed reached, with --require-coverage: failures of kind `coverage` (no seed). */
    coverageFailures,
    inconclusive: inconclusiveRows,
    coverage: Object.fromEntries(coverage.map((row) => [row.goal, row.seeds])),
    /** Figures the scenario measures per seed, aggregated: {name: {seeds (non-zero), max, sum, mean}}. */
    metrics,
    events,
    wallMs: Math.round(wallMs),
    seedsPerSecond: Math.round((outcomes.length / seconds) * 10) / 10,
    eventsPerSecond: Math.round(events / seconds),
    firstFailureMs: tracker.firstFailureMs,
    interrupted,
    peakRssMb: Math.round(peakRssBytes / 2 ** 20),
  };
  const summaryFile = writeExplorationSummary(options.out, report);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(
      `${scenario.name}: ${outcomes.length} seeds from ${fromSeed}, ${failureRows.length} failing${inconclusiveRows.length > 0 ? `, ${inconclusiveRows.length} inconclusive` : ''} · ${events} events in ${Math.round(wallMs)}ms on ${workers} workers (${report.seedsPerSecond} seeds/s, ${report.eventsPerSecond} events/s)\n`,
    );
    if (report.stoppedBy === 'time') process.stdout.write(`  stopped by --time ${timeSeconds}: seeds ${fromSeed}..${outcomes.at(-1)?.seed ?? fromSeed} ran (${outcomes.length} of ${seeds.length})\n`);
    const listed = [...failureRows, ...inconclusiveRows];
    for (const each of listed.slice(0, 10)) if (each.replayFile !== null) process.stdout.write(`  faultline replay ${each.replayFile}\n`);
    if (listed.length > 10) process.stdout.write(`  … ${listed.length - 10} more failing or inconclusive seeds (see --json)\n`);
    process.stdout.write(formatCoverage(coverage, outcomes.length));
    process.stdout.write(formatMetrics(metrics, outcomes.length));
    for (const failure of coverageFailures) process.stdout.write(`coverage failure: ${failure.message}\n`);
    if (summaryFile !== null) process.stdout.write(`summary report: ${summaryFile} (and .md)\n`);
  }
  if (interrupted) return exitCodes.interrupted;
  if (failureRows.length > 0 || coverageFailures.length > 0) return exitCodes.violated;
  return inconclusiveRows.length > 0 ? exitCodes.inconclusive : exitCodes.pass;
}

// faultline explore SCENARIO: many seeds on worker threads; every failing seed gets a replay file.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { resolveRequest } from '../../scenarios/runner.js';
import { replayFromResult, writeReplayFile } from '../../reports/replay-file.js';
import { collect, parseNonNegativeInteger, parsePositiveInteger, parseShard } from '../options.js';
import { runSeedsOnWorkers } from '../explore-pool.js';
import type { SeedOutcome } from '../explore-protocol.js';
import { exitCodes } from '../exit-codes.js';
import { coverageRows, formatCoverage, unreachedGoals } from '../explore-coverage.js';
import { toolVersion } from '../version.js';

/** Replay files written per explore run; failures beyond it are still listed. */
const REPLAY_FILES_MAX = 100;

interface ExploreOptions {
  seeds: string;
  fromSeed: string;
  workers?: string;
  stopOnFirst?: boolean;
  shard?: string;
  set: string[];
  bug: string[];
  json?: boolean;
  out: string;
  requireCoverage?: boolean;
}

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('run a range of seeds on worker threads and report every failing seed')
    .argument('<scenario>', 'scenario name (see `faultline list`)')
    .option('--seeds <n>', 'how many seeds', '100')
    .option('--from-seed <n>', 'first seed', '1')
    .option('--workers <k>', 'worker threads (default: number of cores)')
    .option('--stop-on-first', 'stop at the lowest failing seed')
    .option('--shard <i/n>', 'run only seeds whose index modulo n is i (spread one range over n machines)')
    .option('--set <path=value>', 'override a config field by dotted path (repeatable)', collect, [])
    .option('--bug <name>', 'switch on a planted bug (repeatable)', collect, [])
    .option('--json', 'print one JSON object')
    .option('--out <dir>', 'where replay files go', './faultline-out')
    .option('--require-coverage', 'fail (exit 1, a `coverage` failure) when a coverage goal the scenario declares was reached by no seed')
    .action(async (name: string, options: ExploreOptions) => {
      process.exitCode = await exploreCommand(name, options);
    });
}

export async function exploreCommand(name: string, options: ExploreOptions): Promise<number> {
  const { scenario, config } = resolveRequest(name, options.set, options.bug);
  const count = parsePositiveInteger(options.seeds, '--seeds', 100_000_000);
  const fromSeed = parseNonNegativeInteger(options.fromSeed, '--from-seed');
  const workers = options.workers !== undefined ? parsePositiveInteger(options.workers, '--workers', 256) : availableParallelism();
  const shard = options.shard !== undefined ? parseShard(options.shard) : { index: 0, count: 1 };
  const seeds: number[] = [];
  for (let offset = 0; offset < count; offset++) if (offset % shard.count === shard.index) seeds.push(fromSeed + offset);
  const startedMs = performance.now();
  const outcomes = await runSeedsOnWorkers({
    scenario: scenario.name,
    config,
    bugs: options.bug,
    seeds,
    workers,
    stopOnFirst: options.stopOnFirst === true,
    onOutcome: options.json ? undefined : (outcome) => {
      if (outcome.outcome === 'pass') return;
      const label = outcome.outcome === 'inconclusive' ? ' (inconclusive)' : '';
      process.stdout.write(`seed ${outcome.seed}${label}: ${outcome.violations[0]?.property}: ${outcome.violations[0]?.message}\n`);
    },
  });
  const wallMs = performance.now() - startedMs;
  let written = 0;
  const row = (outcome: SeedOutcome) => {
    const replayFile = written < REPLAY_FILES_MAX ? writeReplayFile(options.out, replayFromResult({ ...outcome, scenario: scenario.name, config, bugs: options.bug, schedule: outcome.schedule ?? [] }, toolVersion())) : null;
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
      ? unreached.map((row) => ({ seed: null, kind: 'coverage' as const, property: row.goal, message: `coverage goal ${row.goal} (${row.description}) was reached by none of ${outcomes.length} seeds`, replayFile: null }))
      : [];
  const events = outcomes.reduce((sum, outcome) => sum + outcome.events, 0);
  const seconds = wallMs / 1000;
  const report = {
    scenario: scenario.name,
    seeds: outcomes.length,
    fromSeed,
    workers,
    bugs: options.bug,
    failures: [...failureRows, ...coverageFailures],
    inconclusive: inconclusiveRows,
    coverage: Object.fromEntries(coverage.map((row) => [row.goal, row.seeds])),
    events,
    wallMs: Math.round(wallMs),
    seedsPerSecond: Math.round((outcomes.length / seconds) * 10) / 10,
    eventsPerSecond: Math.round(events / seconds),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(
      `${scenario.name}: ${outcomes.length} seeds from ${fromSeed}, ${failureRows.length} failing${inconclusiveRows.length > 0 ? `, ${inconclusiveRows.length} inconclusive` : ''} · ${events} events in ${Math.round(wallMs)}ms on ${workers} workers (${report.seedsPerSecond} seeds/s, ${report.eventsPerSecond} events/s)\n`,
    );
    const listed = [...failureRows, ...inconclusiveRows];
    for (const each of listed.slice(0, 10)) if (each.replayFile !== null) process.stdout.write(`  faultline replay ${each.replayFile}\n`);
    if (listed.length > 10) process.stdout.write(`  … ${listed.length - 10} more failing or inconclusive seeds (see --json)\n`);
    process.stdout.write(formatCoverage(coverage, outcomes.length));
    for (const failure of coverageFailures) process.stdout.write(`coverage failure: ${failure.message}\n`);
  }
  if (failureRows.length > 0 || coverageFailures.length > 0) return exitCodes.violated;
  return inconclusiveRows.length > 0 ? exitCodes.inconclusive : exitCodes.pass;
}

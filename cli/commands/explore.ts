// faultline explore SCENARIO: many seeds on worker threads; every failing seed gets a replay file.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { resolveRequest } from '../../scenarios/runner.js';
import { replayFromResult, writeReplayFile } from '../../reports/replay-file.js';
import { collect, parseNonNegativeInteger, parsePositiveInteger, parseShard } from '../options.js';
import { runSeedsOnWorkers } from '../explore-pool.js';
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
      if (!outcome.ok) process.stdout.write(`seed ${outcome.seed}: ${outcome.violations[0]?.property}: ${outcome.violations[0]?.message}\n`);
    },
  });
  const wallMs = performance.now() - startedMs;
  const failures = outcomes.filter((outcome) => !outcome.ok);
  let written = 0;
  const failureRows = failures.map((outcome) => {
    const replayFile = written < REPLAY_FILES_MAX ? writeReplayFile(options.out, replayFromResult({ ...outcome, scenario: scenario.name, config, bugs: options.bug, schedule: outcome.schedule ?? [] }, toolVersion())) : null;
    if (replayFile !== null) written++;
    const first = outcome.violations[0];
    return { seed: outcome.seed, kind: outcome.kind, property: first?.property ?? '', message: first?.message ?? '', replayFile };
  });
  const events = outcomes.reduce((sum, outcome) => sum + outcome.events, 0);
  const seconds = wallMs / 1000;
  const report = {
    scenario: scenario.name,
    seeds: outcomes.length,
    fromSeed,
    workers,
    bugs: options.bug,
    failures: failureRows,
    events,
    wallMs: Math.round(wallMs),
    seedsPerSecond: Math.round((outcomes.length / seconds) * 10) / 10,
    eventsPerSecond: Math.round(events / seconds),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(
      `${scenario.name}: ${outcomes.length} seeds from ${fromSeed}, ${failures.length} failing · ${events} events in ${Math.round(wallMs)}ms on ${workers} workers (${report.seedsPerSecond} seeds/s, ${report.eventsPerSecond} events/s)\n`,
    );
    for (const row of failureRows.slice(0, 10)) if (row.replayFile !== null) process.stdout.write(`  faultline replay ${row.replayFile}\n`);
    if (failureRows.length > 10) process.stdout.write(`  … ${failureRows.length - 10} more failing seeds (see --json)\n`);
  }
  if (failures.length === 0) return 0;
  return failures.every((outcome) => outcome.kind === 'inconclusive') ? 3 : 1;
}

// faultline merge A.json B.json …: one summary from the `explore --json` results of shards. Shards
// that do not belong together (another scenario, config, bug set; overlapping or missing shards) are
// bad input: one line, exit 2. The exit code is then explore's: 1 with failures, 3 with only
// inconclusive seeds, 0 otherwise.
import { formatMetrics } from '../../reports/explore-metrics.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { mergeExploreSummaries, parseExploreSummary } from '../../reports/explore-merge.js';
import { inputError } from '../../scenarios/input-error.js';
import { exitCodes } from '../exit-codes.js';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the explore --json results of shards into one summary')
    .argument('<files...>', 'explore --json outputs (one per shard)')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  $ faultline explore swarm --seeds 10000 --shard 0/2 --json > a.json
  $ faultline explore swarm --seeds 10000 --shard 1/2 --json > b.json
  $ faultline merge a.json b.json
  $ faultline merge shards/*.json --json`,
    )
    .action((files: string[], options: { json?: boolean }) => {
      process.exitCode = mergeCommand(files, options);
    });
}

export function mergeCommand(files: readonly string[], options: { json?: boolean }): number {
  const inputs = files.map((file) => ({ file, summary: parseExploreSummary(readJson(file), file) }));
  const merged = mergeExploreSummaries(inputs);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(merged)}\n`);
  } else {
    const ranges = merged.ranges.map((range) => `${range.fromSeed}..${range.fromSeed + range.seeds - 1} in ${range.shards} shard${range.shards === 1 ? '' : 's'}`).join(', ');
    process.stdout.write(
      `${merged.scenario}: ${merged.seeds} seeds (${ranges}), ${merged.failures.length} failing${merged.inconclusive.length > 0 ? `, ${merged.inconclusive.length} inconclusive` : ''} · ${merged.events} events, ${Math.round(merged.wallMs)}ms over ${merged.shardsMerged} results (longest ${Math.round(merged.wallMsMax)}ms)\n`,
    );
    for (const stopped of merged.stoppedEarly) process.stdout.write(`  ${stopped.file} stopped early (${stopped.stoppedBy}): ${stopped.seeds} of its ${stopped.seedsInShard} seeds ran\n`);
    const listed = [...merged.failures, ...merged.inconclusive].sort((a, b) => a.seed - b.seed);
    for (const row of listed.slice(0, 20)) {
      process.stdout.write(`seed ${row.seed}${row.kind === 'inconclusive' ? ' (inconclusive)' : ''}: ${row.property}: ${row.message}\n`);
      if (row.replayFile !== null) process.stdout.write(`  faultline replay ${row.replayFile}\n`);
    }
    if (listed.length > 20) process.stdout.write(`  … ${listed.length - 20} more failing or inconclusive seeds (see --json)\n`);
    if (merged.metrics !== undefined) process.stdout.write(formatMetrics(merged.metrics, merged.seeds));
  }
  if (merged.failures.length > 0) return exitCodes.violated;
  return merged.inconclusive.length > 0 ? exitCodes.inconclusive : exitCodes.pass;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    inputError(`cannot read ${file}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    inputError(`${file} is not JSON (expected the output of explore --json)`);
  }
}

// faultline replay FILE: re-run a recorded seed with its recorded config, bugs and fault schedule,
// then say whether the trace hash and the violations are the same as when the file was written.
import type { Command } from 'commander';
import { replayFile } from '../../lib/replay.js';
import { renderRunText, runJson } from '../../reports/text.js';
import { exitCodeFor } from '../exit-codes.js';

interface ReplayFlags {
  json?: boolean;
  shrunk?: boolean;
  scenario?: string;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-run a replay file and check that it reproduces bit for bit')
    .argument('<file>', 'a .replay file written by run or explore')
    .option('--json', 'print one JSON object')
    .option('--shrunk', 'replay the minimal (shrunk) fault schedule stored in the file')
    .option('--scenario <module>', "the scenario module to run (default: built in, or the module the file records)")
    .addHelpText(
      'after',
      `
Examples:
  $ faultline replay faultline-out/demo-counter-mute-after-restart-seed11.replay
  $ faultline replay faultline-out/demo-counter-mute-after-restart-seed11.replay --shrunk --json
  $ faultline replay out/my-scenario-seed3-1a2b3c4d.replay --scenario ./dist/my-scenario.js`,
    )
    .action(async (file: string, options: ReplayFlags) => {
      process.exitCode = await replayCommand(file, options);
    });
}

export async function replayCommand(file: string, options: ReplayFlags): Promise<number> {
  const outcome = await replayFile(file, { shrunk: options.shrunk === true, ...(options.scenario !== undefined ? { scenarioModule: options.scenario } : {}) });
  const { result, replay, reproduced, traceHashMatches, violationsMatch, moduleChanged } = outcome;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...runJson(result, file), reproduced, traceHashMatches, violationsMatch, moduleChanged, expectedTraceHash: replay.traceHash, recordedBy: replay.toolVersion })}\n`);
    return exitCodeFor(result.outcome);
  }
  process.stdout.write(`${renderRunText(result, outcome.scenario.properties, null)}\n`);
  if (moduleChanged) process.stdout.write(`note: the scenario module ${replay.scenarioModule?.path ?? ''} has changed since the run was recorded\n`);
  if (reproduced) process.stdout.write(`reproduced: same trace hash ${result.traceHash} and the same ${result.violations.length} violation(s)\n`);
  if (!traceHashMatches) process.stdout.write(`DIFFERS: trace hash ${result.traceHash}, but the file expects ${replay.traceHash} (recorded by faultline ${replay.toolVersion}): the code or the model changed since\n`);
  if (!violationsMatch) process.stdout.write(`DIFFERS: the violations are not the ones recorded (${replay.violations.map((each) => each.property).join(', ') || 'none'} expected)\n`);
  return exitCodeFor(result.outcome);
}

// faultline replay FILE: re-run a recorded seed with its recorded config, bugs and fault schedule,
// then say whether the trace hash and the violations are the same as when the file was written.
import type { Command } from 'commander';
import { findScenario } from '../../scenarios/registry.js';
import { checkBugs, runScenario, validateConfig } from '../../scenarios/runner.js';
import { validateSchedule } from '../../scenarios/validate.js';
import { readReplayFile } from '../../reports/replay-file.js';
import { inputError } from '../../scenarios/input-error.js';
import { renderRunText, runJson } from '../../reports/text.js';
import { exitCodeFor } from '../exit-codes.js';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-run a replay file and check that it reproduces bit for bit')
    .argument('<file>', 'a .replay file written by run or explore')
    .option('--json', 'print one JSON object')
    .option('--shrunk', 'replay the minimal (shrunk) fault schedule stored in the file')
    .action((file: string, options: { json?: boolean; shrunk?: boolean }) => {
      process.exitCode = replayCommand(file, options);
    });
}

export function replayCommand(file: string, options: { json?: boolean; shrunk?: boolean }): number {
  const replay = readReplayFile(file);
  if (options.shrunk) {
    if (replay.shrunk === undefined) inputError(`replay file ${file} holds no shrunk schedule (the run was not shrunk)`);
    Object.assign(replay, { schedule: replay.shrunk.schedule, traceHash: replay.shrunk.traceHash, violations: replay.shrunk.violations });
  }
  const scenario = findScenario(replay.scenario);
  validateConfig(scenario, replay.config);
  checkBugs(scenario, replay.bugs);
  validateSchedule(replay.schedule, scenario.nodes(replay.config), replay.config.durationMicros, scenario.clients(replay.config));
  const result = runScenario({ scenario, seed: replay.seed, config: replay.config, bugs: replay.bugs, schedule: replay.schedule });
  const traceHashMatches = result.traceHash === replay.traceHash;
  const key = (violations: { property: string; message: string }[]): string => violations.map((each) => `${each.property}\u0000${each.message}`).sort().join('\u0001');
  const violationsMatch = key(result.violations) === key(replay.violations);
  const reproduced = traceHashMatches && violationsMatch;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...runJson(result, file), reproduced, traceHashMatches, violationsMatch, expectedTraceHash: replay.traceHash, recordedBy: replay.toolVersion })}\n`);
  } else {
    process.stdout.write(`${renderRunText(result, scenario.properties, null)}\n`);
    if (reproduced) process.stdout.write(`reproduced: same trace hash ${result.traceHash} and the same ${result.violations.length} violation(s)\n`);
    if (!traceHashMatches) process.stdout.write(`DIFFERS: trace hash ${result.traceHash}, but the file expects ${replay.traceHash} (recorded by faultline ${replay.toolVersion}): the code or the model changed since\n`);
    if (!violationsMatch) process.stdout.write(`DIFFERS: the violations are not the ones recorded (${replay.violations.map((each) => each.property).join(', ') || 'none'} expected)\n`);
  }
  return exitCodeFor(result.outcome);
}

// faultline replay FILE: re-run a recorded seed with its recorded config, bugs and fault schedule,
// then say whether the trace hash and the violations are the same as when the file was written.
import type { Command } from 'commander';
import { findScenario } from '../../scenarios/registry.js';
import { checkBugs, runScenario, validateConfig } from '../../scenarios/runner.js';
import { validateSchedule } from '../../scenarios/validate.js';
import { readReplayFile } from '../../reports/replay-file.js';
import { inputError } from '../../scenarios/input-error.js';
import { renderRunText, runJson } from '../../reports/text.js';
import { writeFailureArtifacts } from '../../reports/failure-artifacts.js';
import { renderTrace } from '../../reports/trace-text.js';
import { exitCodeFor } from '../exit-codes.js';
import { toolVersion } from '../version.js';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-run a replay file and check that it reproduces bit for bit')
    .argument('<file>', 'a .replay file written by run or explore')
    .option('--json', 'print one JSON object')
    .option('--shrunk', 'replay the minimal (shrunk) fault schedule stored in the file')
    .option('--trace', "print every executed event, with the models' own log lines (context.log)")
    .option('--report [dir]', 'write the Markdown and HTML reports (and a fresh replay file) to dir', false)
    .addHelpText('after', '\nExamples:\n  faultline replay faultline-out/swarm-seed-8.replay\n  faultline replay FILE --shrunk --trace | less\n  faultline replay FILE --report ./reports')
    .action((file: string, options: ReplayOptions) => {
      process.exitCode = replayCommand(file, options);
    });
}

export interface ReplayOptions {
  json?: boolean;
  shrunk?: boolean;
  trace?: boolean;
  report?: string | boolean;
}

export function replayCommand(file: string, options: ReplayOptions): number {
  const replay = readReplayFile(file);
  if (options.shrunk) {
    if (replay.shrunk === undefined) inputError(`replay file ${file} holds no shrunk schedule (the run was not shrunk)`);
    Object.assign(replay, { schedule: replay.shrunk.schedule, traceHash: replay.shrunk.traceHash, violations: replay.shrunk.violations });
  }
  const scenario = findScenario(replay.scenario);
  validateConfig(scenario, replay.config);
  checkBugs(scenario, replay.bugs);
  validateSchedule(replay.schedule, scenario.nodes(replay.config), replay.config.durationMicros, scenario.clients(replay.config));
  const result = runScenario({ scenario, seed: replay.seed, config: replay.config, bugs: replay.bugs, schedule: replay.schedule, keepTrace: options.trace === true || options.report !== false });
  const traceHashMatches = result.traceHash === replay.traceHash;
  const key = (violations: { property: string; message: string }[]): string => violations.map((each) => `${each.property}\u0000${each.message}`).sort().join('\u0001');
  const violationsMatch = key(result.violations) === key(replay.violations);
  const reproduced = traceHashMatches && violationsMatch;
  let reportFile: string | null = null;
  if (options.report !== undefined && options.report !== false) {
    const directory = typeof options.report === 'string' ? options.report : './faultline-out';
    const shrunk = replay.shrunk === undefined || options.shrunk ? null : { ...replay.shrunk, runs: 0 };
    reportFile = writeFailureArtifacts(directory, result, scenario.properties, scenario.nodes(replay.config), toolVersion(), shrunk).htmlFile;
  }
  if (options.json) {
    const trace = options.trace ? { trace: result.trace } : {};
    process.stdout.write(`${JSON.stringify({ ...runJson(result, file), reproduced, traceHashMatches, violationsMatch, expectedTraceHash: replay.traceHash, recordedBy: replay.toolVersion, report: reportFile, ...trace })}\n`);
  } else {
    if (options.trace) process.stdout.write(renderTrace(result.trace ?? []));
    if (reportFile !== null) process.stdout.write(`report: ${reportFile} (and .md)\n`);
    process.stdout.write(`${renderRunText(result, scenario.properties, null)}\n`);
    if (reproduced) process.stdout.write(`reproduced: same trace hash ${result.traceHash} and the same ${result.violations.length} violation(s)\n`);
    if (!traceHashMatches) process.stdout.write(`DIFFERS: trace hash ${result.traceHash}, but the file expects ${replay.traceHash} (recorded by faultline ${replay.toolVersion}): the code or the model changed since\n`);
    if (!violationsMatch) process.stdout.write(`DIFFERS: the violations are not the ones recorded (${replay.violations.map((each) => each.property).join(', ') || 'none'} expected)\n`);
  }
  return exitCodeFor(result.outcome);
}

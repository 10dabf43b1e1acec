// faultline replay FILE: re-run a recorded seed with its recorded config, bugs and fault schedule,
// then say whether the trace hash and the violations are the same as when the file was written.
import type { Command } from 'commander';
import { replayFile } from '../api/replay.js';
import { renderRunText, runJson } from '../../reports/text.js';
import { writeFailureArtifacts } from '../../reports/failure-artifacts.js';
import { renderTrace } from '../../reports/trace-text.js';
import { readReplayFile } from '../../reports/replay-file.js';
import { exitCodeFor, exitCodes } from '../exit-codes.js';
import { toolVersion } from '../version.js';

interface ReplayFlags {
  json?: boolean;
  shrunk?: boolean;
  scenario?: string;
  trace?: boolean;
  report?: string | boolean;
  dump?: boolean;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('re-run a replay file and check that it reproduces bit for bit')
    .argument('<file>', 'a .replay file written by run or explore')
    .option('--json', 'print one JSON object')
    .option('--shrunk', 'replay the minimal (shrunk) fault schedule stored in the file')
    .option('--dump', 'print the replay file itself as JSON (config, bugs, schedule, expected trace hash, violations) without running it')
    .option('--trace', "print every executed event, with the models' own log lines (context.log)")
    .option('--report [dir]', 'write the Markdown and HTML reports (and a fresh replay file) to dir', false)
    .option('--scenario <module>', "the scenario module to run (default: built in, or the module the file records)")
    .addHelpText(
      'after',
      `
Examples:
  $ faultline replay faultline-out/demo-counter-mute-after-restart-seed11.replay
  $ faultline replay faultline-out/demo-counter-mute-after-restart-seed11.replay --shrunk --json
  $ faultline replay faultline-out/demo-counter-mute-after-restart-seed11.replay --shrunk --trace | less
  $ faultline replay faultline-out/demo-counter-mute-after-restart-seed11.replay --report ./reports
  $ faultline replay out/my-scenario-seed3-1a2b3c4d.replay --scenario ./dist/my-scenario.js`,
    )
    .action(async (file: string, options: ReplayFlags) => {
      process.exitCode = await replayCommand(file, options);
    });
}

export async function replayCommand(file: string, options: ReplayFlags): Promise<number> {
  if (options.dump) {
    process.stdout.write(`${JSON.stringify(readReplayFile(file), null, 2)}\n`);
    return exitCodes.pass;
  }
  const wantsReport = options.report !== undefined && options.report !== false;
  const outcome = await replayFile(file, { shrunk: options.shrunk === true, keepTrace: options.trace === true || wantsReport, ...(options.scenario !== undefined ? { scenarioModule: options.scenario } : {}) });
  const { result, replay, reproduced, traceHashMatches, violationsMatch, moduleChanged } = outcome;
  let reportFile: string | null = null;
  if (wantsReport) {
    const directory = typeof options.report === 'string' ? options.report : './faultline-out';
    const shrunk = replay.shrunk === undefined || options.shrunk ? null : { ...replay.shrunk, runs: 0 };
    const origin = { defaults: outcome.scenario.defaults, ...(replay.scenarioModule !== undefined ? { scenarioModule: replay.scenarioModule } : {}) };
    reportFile = writeFailureArtifacts(directory, result, outcome.scenario.properties, outcome.scenario.nodes(replay.config), toolVersion(), shrunk, origin).htmlFile;
  }
  if (options.json) {
    const trace = options.trace ? { trace: result.trace } : {};
    process.stdout.write(`${JSON.stringify({ ...runJson(result, file), reproduced, traceHashMatches, violationsMatch, moduleChanged, expectedTraceHash: replay.traceHash, recordedBy: replay.toolVersion, report: reportFile, ...trace })}\n`);
    return exitCodeFor(result.outcome);
  }
  if (options.trace) process.stdout.write(renderTrace(result.trace ?? []));
  if (reportFile !== null) process.stdout.write(`report: ${reportFile} (and .md)\n`);
  process.stdout.write(`${renderRunText(result, outcome.scenario.properties, null)}\n`);
  if (moduleChanged) process.stdout.write(`note: the scenario module ${replay.scenarioModule?.path ?? ''} has changed since the run was recorded\n`);
  if (reproduced) process.stdout.write(`reproduced: same trace hash ${result.traceHash} and the same ${result.violations.length} violation(s)\n`);
  if (!traceHashMatches) process.stdout.write(`DIFFERS: trace hash ${result.traceHash}, but the file expects ${replay.traceHash} (recorded by faultline ${replay.toolVersion}): the code or the model changed since\n`);
  if (!violationsMatch) process.stdout.write(`DIFFERS: the violations are not the ones recorded (${replay.violations.map((each) => each.property).join(', ') || 'none'} expected)\n`);
  return exitCodeFor(result.outcome);
}

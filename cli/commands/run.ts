// faultline run SCENARIO: one seed, its verdict, and a replay file when a property is violated.
import type { Command } from 'commander';
import { runScenario, startRun, type RunResult } from '../../scenarios/runner.js';
import { describeDivergence, firstDivergence } from '../../reports/divergence.js';
import { resolveScenarioArgument } from '../scenario-argument.js';
import { shrunkOf, writeFailureArtifacts, type Shrunk } from '../../reports/failure-artifacts.js';
import { shrinkFailure } from '../../scenarios/shrink-failure.js';
import { describeWorkloadShrink, WORKLOAD_ATTEMPTS_DEFAULT, WORKLOAD_ATTEMPTS_MAX } from '../../scenarios/shrink-workload.js';
import { describeFault } from '../../sim/faults.js';
import { formatMicros } from '../../sim/time.js';
import { renderRunText, runJson } from '../../reports/text.js';
import { applyScheduleOption } from '../schedule-option.js';
import { exitCodeFor, exitCodes } from '../exit-codes.js';
import { chooseSeed, collect, parseNonNegativeInteger, parsePositiveInteger } from '../options.js';
import { toolVersion } from '../version.js';
import { recordRun } from '../../reports/recording.js';
import { runSeedsOnWorkers } from '../explore-pool.js';

export interface RunOptions {
  seed?: string;
  set: string[];
  schedule?: string;
  bug: string[];
  json?: boolean;
  out: string;
  ui?: boolean;
  shrink?: boolean;
  shrinkWorkload?: boolean;
  shrinkWorkloadAttempts?: string;
  checkDeterminism?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one seed of a scenario and check its properties')
    .argument('<scenario>', 'scenario name (see `faultline list`) or the path of a scenario module (./my-scenario.js)')
    .option('--seed <n>', 'seed (default: chosen at random and printed)')
    .option('--set <path=value>', 'override a field of the resolved config by dotted path (repeatable)', collect, [])
    .option('--schedule <file>', 'a fixed fault schedule (JSON list of {atMicros, fault}) for every seed, instead of the generated one')
    .option('--bug <name>', 'switch on a planted bug of the model (repeatable)', collect, [])
    .option('--json', 'print one JSON object instead of text')
    .option('--out <dir>', 'where replay files go', './faultline-out')
    .option('--no-ui', 'plain output even on a terminal')
    .option('--no-shrink', 'do not shrink a failing run (neither its fault schedule nor its workload)')
    .option('--no-shrink-workload', 'shrink only the fault schedule of a failing run, not its workload (clients, operations, run length)')
    .option('--shrink-workload-attempts <n>', `trial runs the workload shrinker may spend (1..${WORKLOAD_ATTEMPTS_MAX}, default ${WORKLOAD_ATTEMPTS_DEFAULT})`)
    .option('--check-determinism', 'run the seed a second time, in a worker thread, and fail unless the trace hashes agree')
    .addHelpText(
      'after',
      `
Examples:
  $ faultline run logstore-crash --seed 7
  $ faultline run demo-counter --seed 11 --bug mute-after-restart
  $ faultline run logstore-crash --seed 3 --bug ack-before-fsync --shrink-workload-attempts 40
  $ faultline run partition-primary --seed 3 --set replication.design=async --json
  $ faultline run ./dist/my-scenario.js --seed 1 --bug my-bug     # a scenario module of your own`,
    )
    .action(async (name: string, options: RunOptions) => {
      process.exitCode = await runCommand(name, options);
    });
}

export async function runCommand(name: string, options: RunOptions): Promise<number> {
  const workloadAttemptsMax = options.shrinkWorkloadAttempts === undefined ? WORKLOAD_ATTEMPTS_DEFAULT : parsePositiveInteger(options.shrinkWorkloadAttempts, '--shrink-workload-attempts', WORKLOAD_ATTEMPTS_MAX);
  const { scenario, config, module } = await resolveScenarioArgument(name, options.set, options.bug);
  applyScheduleOption(options.schedule, scenario, config);
  const seed = options.seed !== undefined ? parseNonNegativeInteger(options.seed, '--seed') : chooseSeed();
  if (options.seed === undefined && !options.json) process.stdout.write(`seed ${seed} (chosen at random; repeat with --seed ${seed})\n`);
  const request = { scenario, seed, config, bugs: options.bug };
  let result: RunResult;
  if (!options.json && options.ui !== false && process.stdout.isTTY === true && !process.env.CI) {
    // Loaded only for a person at a terminal: ink and React cost startup time CI should not pay.
    const { runWithView } = await import('../ui/run-view.js');
    result = await runWithView(startRun(request), scenario.properties);
  } else {
    const session = startRun(request);
    session.advance(config.durationMicros);
    result = session.finish();
  }
  let determinism: { deterministic: boolean; traceHash: string; workerTraceHash: string | null } | null = null;
  if (options.checkDeterminism) {
    const [again] = await runSeedsOnWorkers({ scenario: scenario.name, ...(module !== null ? { scenarioModule: module.path } : {}), config, bugs: options.bug, seeds: [seed], workers: 1, stopOnFirst: false });
    determinism = { deterministic: again?.traceHash === result.traceHash, traceHash: result.traceHash, workerTraceHash: again?.traceHash ?? null };
    if (!determinism.deterministic) {
      // Run both sides again keeping their traces, and show where they part ways.
      const here = runScenario({ ...request, keepTrace: true });
      const [there] = await runSeedsOnWorkers({ scenario: scenario.name, ...(module !== null ? { scenarioModule: module.path } : {}), config, bugs: options.bug, seeds: [seed], workers: 1, stopOnFirst: false, keepTrace: true });
      const divergence = firstDivergence(here.trace ?? [], there?.trace ?? []);
      const where = describeDivergence(divergence, 'in this thread', 'in the worker');
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...runJson(result, null), ok: false, kind: 'nondeterministic', determinism: { ...determinism, divergence } })}\n`);
      } else {
        process.stdout.write(`NONDETERMINISTIC: seed ${seed} gave trace hash ${result.traceHash}, then ${again?.traceHash} in a worker thread\n`);
        process.stdout.write(`  ${where}\n`);
      }
      return exitCodes.violated;
    }
    if (!options.json) process.stdout.write(`determinism: the same trace hash ${result.traceHash} in this thread and in a worker thread\n`);
  }
  const extra = determinism === null ? {} : { determinism };
  if (result.outcome === 'pass') {
    if (options.json) process.stdout.write(`${JSON.stringify({ ...runJson(result, null), ...extra })}\n`);
    else process.stdout.write(`${renderRunText(result, scenario.properties, null)}\n`);
    return exitCodeFor(result.outcome);
  }
  let shrunk: Shrunk | null = null;
  // Only a failure is shrunk (an undecided check has no failure to keep), and not a crash: it is fixed by reading its stack.
  const property = result.violations.find((each) => each.kind !== 'inconclusive')?.property;
  if (options.shrink !== false && property !== undefined && result.outcome === 'fail' && result.kind !== 'crash') {
    const showProgress = !options.json && process.stderr.isTTY === true;
    const found = shrinkFailure(request, result, property, {
      workload: options.shrinkWorkload !== false,
      workloadAttemptsMax,
      onProgress: (phase, runs, status) => {
        if (showProgress) process.stderr.write(`\rshrinking ${phase}: ${runs} runs, ${status}        `);
      },
    });
    if (showProgress) process.stderr.write('\n');
    shrunk = shrunkOf(found);
  }
  const recording = recordRun({ scenario, seed, config, bugs: options.bug, schedule: result.schedule });
  const artifacts = writeFailureArtifacts(options.out, result, scenario.properties, scenario.nodes(config), toolVersion(), shrunk, {
    defaults: scenario.defaults,
    ...(module !== null ? { scenarioModule: module } : {}),
    recording,
  });
  if (options.json) {
    const shrunkJson = { shrunkSchedule: shrunk?.schedule ?? null, shrunkTraceHash: shrunk?.traceHash ?? null, workloadShrink: shrunk?.workload ?? null };
    process.stdout.write(`${JSON.stringify({ ...runJson(result, artifacts.replayFile), report: artifacts.htmlFile, ...shrunkJson, ...extra })}\n`);
  } else {
    process.stdout.write(`${renderRunText(result, scenario.properties, artifacts.replayFile)}\n`);
    if (shrunk !== null) {
      process.stdout.write(`minimal fault schedule (${shrunk.schedule.length} of ${result.schedule.length} faults, ${shrunk.runs} runs to find): replay it with --shrunk\n`);
      for (const timed of shrunk.schedule) process.stdout.write(`  ${formatMicros(timed.atMicros).padStart(9)}  ${describeFault(timed.fault)}\n`);
      const workload = shrunk.workload;
      if (workload !== undefined && workload.overrides.length > 0) {
        process.stdout.write(`workload shrunk: ${describeWorkloadShrink(workload)}\n`);
        process.stdout.write(`  the shrunk run (replay --shrunk) sets ${workload.overrides.map((each) => `--set ${each}`).join(' ')}\n`);
      } else if (workload !== undefined) {
        process.stdout.write(`workload not shrunk: no smaller workload fails ${property ?? ''} the same way (${workload.attempts} attempts)\n`);
      }
    }
    process.stdout.write(`report: ${artifacts.htmlFile} (and .md)\n`);
  }
  return exitCodeFor(result.outcome);
}

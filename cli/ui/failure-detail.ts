// Everything the failure view shows about one failing seed, computed without ink: the run's violations,
// its schedule and workload shrunk to minimal ones (when it fails on a property, not a crash), and a recording of
// the shrunk run — frames to step through, each with every node's observation and the messages in
// flight. Writing the report leaves the same files `faultline run` leaves.
import { runScenario } from '../../scenarios/runner.js';
import { shrinkFailure } from '../../scenarios/shrink-failure.js';
import { WORKLOAD_ATTEMPTS_DEFAULT } from '../../scenarios/shrink-workload.js';
import type { FaultSchedule } from '../../sim/faults.js';
import type { Violation } from '../../properties/violation.js';
import type { BaseConfig, ScenarioDefinition } from '../../scenarios/types.js';
import { shrunkOf, writeFailureArtifacts, type Shrunk } from '../../reports/failure-artifacts.js';
import { recordRun, type Recording } from '../../reports/recording.js';
import { toolVersion } from '../version.js';

export interface FailureDetail {
  scenario: ScenarioDefinition<any>;
  config: BaseConfig;
  bugs: readonly string[];
  seed: number;
  /** The violations of the original run. */
  violations: Violation[];
  schedule: FaultSchedule;
  /** The shrunk schedule and, when the workload shrank too, its config and sizes. */
  shrunk: Shrunk | null;
  /** The run stepped through: the shrunk one when there is one, else the original. */
  recording: Recording;
}

export function buildFailureDetail(request: { scenario: ScenarioDefinition<any>; config: BaseConfig; bugs: readonly string[]; seed: number; schedule: FaultSchedule; violations: Violation[] }, shrinkRunsMax = 200): FailureDetail {
  const property = request.violations.find((each) => each.kind === 'correctness' || each.kind === 'liveness')?.property;
  let shrunk: FailureDetail['shrunk'] = null;
  if (property !== undefined) {
    const base = { scenario: request.scenario, seed: request.seed, config: request.config, bugs: request.bugs, schedule: request.schedule };
    const found = shrinkFailure(base, runScenario(base), property, { scheduleRunsMax: shrinkRunsMax, workloadAttemptsMax: Math.min(shrinkRunsMax, WORKLOAD_ATTEMPTS_DEFAULT) });
    shrunk = shrunkOf(found);
  }
  const recording = recordRun({ scenario: request.scenario, seed: request.seed, config: shrunk?.config ?? request.config, bugs: request.bugs, schedule: shrunk?.schedule ?? request.schedule });
  return { ...request, shrunk, recording };
}

/** Writes the replay file and the Markdown and HTML reports of the original run; returns their paths. */
export function writeFailureReport(detail: FailureDetail, directory: string): { replayFile: string; htmlFile: string } {
  const original = recordRun({ scenario: detail.scenario, seed: detail.seed, config: detail.config, bugs: detail.bugs, schedule: detail.schedule });
  const artifacts = writeFailureArtifacts(directory, original.result, detail.scenario.properties, original.nodes, toolVersion(), detail.shrunk, { defaults: detail.scenario.defaults, recording: original });
  return { replayFile: artifacts.replayFile, htmlFile: artifacts.htmlFile };
}

export function replayCommandFor(replayFile: string, shrunk: boolean): string {
  return `faultline replay ${replayFile}${shrunk ? ' --shrunk' : ''}`;
}

// Everything the failure view shows about one failing seed, computed without ink: the run's violations,
// its schedule shrunk to a minimal one (when it fails on a property, not a crash), and a recording of
// the shrunk run — frames to step through, each with every node's observation and the messages in
// flight. Writing the report leaves the same files `faultline run` leaves.
import { shrinkSchedule } from '../../scenarios/shrink.js';
import type { FaultSchedule } from '../../sim/faults.js';
import type { Violation } from '../../properties/violation.js';
import type { BaseConfig, ScenarioDefinition } from '../../scenarios/types.js';
import { writeFailureArtifacts } from '../../reports/failure-artifacts.js';
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
  shrunk: { schedule: FaultSchedule; runs: number; traceHash: string; violations: Violation[] } | null;
  /** The run stepped through: the shrunk one when there is one, else the original. */
  recording: Recording;
}

export function buildFailureDetail(request: { scenario: ScenarioDefinition<any>; config: BaseConfig; bugs: readonly string[]; seed: number; schedule: FaultSchedule; violations: Violation[] }, shrinkRunsMax = 200): FailureDetail {
  const property = request.violations.find((each) => each.kind === 'correctness' || each.kind === 'liveness')?.property;
  let shrunk: FailureDetail['shrunk'] = null;
  if (property !== undefined) {
    const found = shrinkSchedule({ scenario: request.scenario, seed: request.seed, config: request.config, bugs: request.bugs, schedule: request.schedule }, property, shrinkRunsMax);
    shrunk = { schedule: found.schedule, runs: found.runs, traceHash: found.result.traceHash, violations: found.result.violations };
  }
  const recording = recordRun({ scenario: request.scenario, seed: request.seed, config: request.config, bugs: request.bugs, schedule: shrunk?.schedule ?? request.schedule });
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

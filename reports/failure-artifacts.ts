// Everything a failing run leaves behind, side by side: the replay file, a Markdown report and a
// self-contained HTML report with the timeline.
import type { FaultSchedule } from '../sim/faults.js';
import type { RunResult } from '../scenarios/runner.js';
import type { Violation } from '../properties/violation.js';
import type { PropertyInfo } from '../scenarios/types.js';
import { renderHtml } from './html.js';
import type { Recording } from './recording.js';
import { renderMarkdown } from './markdown.js';
import { replayFromResult, writeAtomically, writeReplayFile, type ScenarioModuleRef } from './replay-file.js';
import type { BaseConfig } from '../scenarios/types.js';
import type { FailureShrink } from '../scenarios/shrink-failure.js';
import { workloadSummary, type WorkloadShrinkSummary } from '../scenarios/shrink-workload.js';

export interface FailureArtifacts {
  replayFile: string;
  markdownFile: string;
  htmlFile: string;
}

export interface Shrunk {
  schedule: FaultSchedule;
  traceHash: string;
  violations: Violation[];
  runs: number;
  /** The config of the shrunk run, when the workload was shrunk (else the run's own). */
  config?: BaseConfig;
  workload?: WorkloadShrinkSummary;
}

/** What a replay file and the reports keep of a whole-failure shrink. */
export function shrunkOf(found: FailureShrink): Shrunk {
  const shrunk: Shrunk = { schedule: found.schedule, traceHash: found.result.traceHash, violations: found.result.violations, runs: found.runs };
  if (found.workload !== null) {
    shrunk.config = found.config;
    shrunk.workload = workloadSummary(found.workload);
  }
  return shrunk;
}

/** Where the scenario came from (file names cannot collide, replay finds it again), and what to draw. */
export interface ArtifactOrigin {
  /** The scenario's default config: a run on exactly these gets a name without a config digest. */
  defaults?: BaseConfig;
  scenarioModule?: ScenarioModuleRef;
  /** A recorded re-run (messages, frames) for the space-time diagram. */
  recording?: Recording | null;
}

export function writeFailureArtifacts(
  directory: string,
  result: RunResult,
  properties: readonly PropertyInfo[],
  nodes: string[],
  toolVersion: string,
  shrunk: Shrunk | null,
  origin: ArtifactOrigin = {},
): FailureArtifacts {
  const replay = replayFromResult(result, toolVersion);
  if (shrunk !== null) {
    replay.shrunk = { schedule: shrunk.schedule, traceHash: shrunk.traceHash, violations: shrunk.violations };
    if (shrunk.config !== undefined) replay.shrunk.config = shrunk.config;
    if (shrunk.workload !== undefined) {
      const { wallMs: _wallMs, ...kept } = shrunk.workload;
      replay.shrunk.workload = kept;
    }
  }
  if (origin.scenarioModule !== undefined) replay.scenarioModule = origin.scenarioModule;
  const replayFile = writeReplayFile(directory, replay, origin.defaults);
  const base = replayFile.replace(/\.replay$/, '');
  const input = { result, properties, replayFile, shrunk: shrunk === null ? null : { schedule: shrunk.schedule, runs: shrunk.runs, workload: shrunk.workload ?? null }, defaults: origin.defaults ?? null };
  writeAtomically(`${base}.md`, renderMarkdown(input));
  writeAtomically(`${base}.html`, renderHtml({ ...input, nodes, recording: origin.recording ?? null }));
  return { replayFile, markdownFile: `${base}.md`, htmlFile: `${base}.html` };
}

// Reports from a replay file: the file's scenario, config, bugs and schedule are checked as `replay`
// checks them, the run is recorded again (same trace hash), and the HTML, Markdown or JSON report is
// rendered from it — with the space-time diagram and the `--set` header the run's own report has.
import { findScenario } from '../scenarios/registry.js';
import { checkBugs, validateConfig } from '../scenarios/runner.js';
import { validateSchedule } from '../scenarios/validate.js';
import type { PropertyInfo } from '../scenarios/types.js';
import { configOverrides, designChoices } from './config-header.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { recordRun, type Recording } from './recording.js';
import type { ReplayFile } from './replay-file.js';
import { runJson } from './text.js';

export interface ReplayReport {
  recording: Recording;
  properties: readonly PropertyInfo[];
  replay: ReplayFile;
  replayFile: string;
  html(): string;
  markdown(): string;
  json(): Record<string, unknown>;
}

/** Re-runs and records a replay file (its shrunk schedule with `shrunk`); bad files are InputErrors. */
export function reportFromReplay(replay: ReplayFile, replayFile: string, options: { shrunk?: boolean } = {}): ReplayReport {
  const scenario = findScenario(replay.scenario);
  const useShrunk = options.shrunk === true && replay.shrunk !== undefined;
  const config = useShrunk ? (replay.shrunk?.config ?? replay.config) : replay.config;
  validateConfig(scenario, config);
  checkBugs(scenario, replay.bugs);
  const schedule = useShrunk && replay.shrunk !== undefined ? replay.shrunk.schedule : replay.schedule;
  validateSchedule(schedule, scenario.nodes(config), config.durationMicros, scenario.clients(config));
  const recording = recordRun({ scenario, seed: replay.seed, config, bugs: replay.bugs, schedule });
  const result = recording.result;
  const shrunk = replay.shrunk !== undefined && options.shrunk !== true ? { schedule: replay.shrunk.schedule, runs: 0, workload: replay.shrunk.workload ?? null } : null;
  const input = { result, properties: scenario.properties, replayFile, shrunk, defaults: scenario.defaults };
  return {
    recording,
    properties: scenario.properties,
    replay,
    replayFile,
    html: () => renderHtml({ ...input, nodes: recording.nodes, recording }),
    markdown: () => renderMarkdown(input),
    json: () => ({
      ...runJson(result, replayFile),
      reproduced: result.traceHash === (options.shrunk === true && replay.shrunk !== undefined ? replay.shrunk.traceHash : replay.traceHash),
      design: designChoices(result.config),
      overrides: configOverrides(scenario.defaults, result.config),
      window: recording.window,
      messagesShown: recording.messages.length,
      messagesTotal: recording.messagesTotal,
      frames: recording.frames.length,
    }),
  };
}

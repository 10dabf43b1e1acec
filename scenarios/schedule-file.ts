// A fixed fault schedule given as JSON text (`--schedule FILE`, `--set schedule=[…]`): parsed, checked
// field by field against the scenario's nodes, clients and duration, and put in the config, where it
// replaces the generated schedule for every seed and travels into replay files with the rest of the
// config. The text is never trusted: anything wrong is one InputError line naming where.
//
// Format: a JSON list of `{"atMicros": N, "fault": {"kind": K, …}}` — the shape `run --json` prints as
// `shrunkSchedule`. Faults at one time keep their listed order; the list need not be sorted.
import { sortSchedule, type FaultSchedule } from '../sim/faults.js';
import { InputError, inputError } from './input-error.js';
import type { BaseConfig, ScenarioDefinition } from './types.js';
import { validateSchedule } from './validate.js';

/** Bound on the text read (the CLI reads at most this many bytes of a file). */
export const SCHEDULE_TEXT_BYTES_MAX = 8 * 1024 * 1024;

/** Parses schedule JSON for one scenario and config. `source` names it in errors (`--schedule plan.json`). */
export function parseSchedule(text: string, source: string, scenario: ScenarioDefinition<any>, config: BaseConfig): FaultSchedule {
  if (text.length > SCHEDULE_TEXT_BYTES_MAX) inputError(`${source}: larger than ${SCHEDULE_TEXT_BYTES_MAX} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    inputError(`${source}: not JSON (${reason})`);
  }
  if (!Array.isArray(parsed)) inputError(`${source}: expected a JSON list of {atMicros, fault} (got ${parsed === null ? 'null' : typeof parsed})`);
  return applySchedule(parsed, source, scenario, config);
}

/**
 * Checks a parsed (untrusted) schedule against the scenario's own nodes, clients and duration, and puts
 * it, sorted by time, into `config`. Errors are prefixed with `source`; `config` is unchanged on error.
 */
export function applySchedule(schedule: unknown[], source: string, scenario: ScenarioDefinition<any>, config: BaseConfig): FaultSchedule {
  try {
    validateSchedule(schedule, scenario.nodes(config), config.durationMicros, scenario.clients(config));
  } catch (error) {
    if (error instanceof InputError) inputError(`${source}: ${error.message}`);
    throw error;
  }
  config.schedule = sortSchedule(schedule as FaultSchedule);
  return config.schedule;
}

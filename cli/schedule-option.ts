// `--schedule FILE` for run and explore: a fixed fault schedule in a JSON file replaces the generated
// one for every seed (scenarios/schedule-file.ts has the format and the checks). Only the reading of
// the file lives here; every failure is one InputError line naming the flag and the file.
import { readFileSync, statSync } from 'node:fs';
import { InputError, inputError } from '../scenarios/input-error.js';
import { parseSchedule, SCHEDULE_TEXT_BYTES_MAX } from '../scenarios/schedule-file.js';
import type { BaseConfig, ScenarioDefinition } from '../scenarios/types.js';

/** Reads `file` and puts its schedule into `config` (a no-op without the flag). */
export function applyScheduleOption(file: string | undefined, scenario: ScenarioDefinition<any>, config: BaseConfig): void {
  if (file === undefined) return;
  const source = `--schedule ${file}`;
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) inputError(`${source}: not a file`);
    if (stat.size > SCHEDULE_TEXT_BYTES_MAX) inputError(`${source}: larger than ${SCHEDULE_TEXT_BYTES_MAX} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: unknown }).code;
    inputError(`${source}: cannot read it (${typeof code === 'string' ? code : 'unreadable'})`);
  }
  parseSchedule(text, source, scenario, config);
}

// Replay files: everything needed to re-run a failing seed bit for bit — format version, tool version,
// scenario and its full resolved config, seed, bugs, fault schedule, expected trace hash, violations —
// encoded with msgpackr. Written atomically (temporary file + rename); read defensively: anything that
// is not a well-formed replay file of a version we understand is an InputError with one line.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Packr } from 'msgpackr';
import { inputError } from '../scenarios/input-error.js';
import type { FaultSchedule } from '../sim/faults.js';
import type { Violation } from '../properties/violation.js';
import type { BaseConfig } from '../scenarios/types.js';
import type { RunResult } from '../scenarios/runner.js';
import type { WorkloadShrinkSummary } from '../scenarios/shrink-workload.js';
import { canonicalJson, shortDigest } from './digest.js';

export const REPLAY_MAGIC = 'faultline-replay';
export const REPLAY_FORMAT_VERSION = 1;

export interface ReplayFile {
  magic: typeof REPLAY_MAGIC;
  formatVersion: number;
  toolVersion: string;
  scenario: string;
  config: BaseConfig;
  seed: number;
  bugs: string[];
  schedule: FaultSchedule;
  traceHash: string;
  events: number;
  violations: Violation[];
  /**
   * The minimal schedule shrinking found, with what it replays to (absent when not shrunk); `config`
   * is the shrunk run's config when its workload was shrunk too (`replay --shrunk` runs on it), and
   * `workload` the sizes before and after.
   */
  shrunk?: { schedule: FaultSchedule; traceHash: string; violations: Violation[]; config?: BaseConfig; workload?: WorkloadShrinkSummary };
  /** A scenario loaded from a module outside faultline: where it was and the SHA-256 of its source. */
  scenarioModule?: ScenarioModuleRef;
}

export interface ScenarioModuleRef {
  /** Absolute path of the module the scenario was loaded from. */
  path: string;
  /** The first 16 hex digits of the SHA-256 of the module's source when the run was recorded. */
  sha256: string;
}

// Plain maps and arrays only: no records/structures extension, so files stay readable by any msgpack tool.
const packr = new Packr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

/** What a replay file keeps of a run: a full RunResult, or the compact outcome an explore worker sends. */
export type ReplayableRun = Pick<RunResult, 'scenario' | 'config' | 'seed' | 'bugs' | 'schedule' | 'traceHash' | 'events' | 'violations'>;

export function replayFromResult(result: ReplayableRun, toolVersion: string): ReplayFile {
  return {
    magic: REPLAY_MAGIC,
    formatVersion: REPLAY_FORMAT_VERSION,
    toolVersion,
    scenario: result.scenario,
    config: result.config,
    seed: result.seed,
    bugs: result.bugs,
    schedule: result.schedule,
    traceHash: result.traceHash,
    events: result.events,
    violations: result.violations,
  };
}

export function encodeReplay(replay: ReplayFile): Uint8Array {
  return packr.pack(replay);
}

/** Decodes and checks the shape; semantic checks (known scenario, valid config) are the caller's. */
export function decodeReplay(bytes: Uint8Array, name = 'replay file'): ReplayFile {
  if (bytes.length === 0) inputError(`${name} is empty: not a faultline replay file`);
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch (error) {
    inputError(`${name} is not a faultline replay file (truncated or not msgpack: ${oneLine(error)})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) inputError(`${name} is not a faultline replay file (no header)`);
  const record = value as Record<string, unknown>;
  if (record.magic !== REPLAY_MAGIC) inputError(`${name} is not a faultline replay file (magic is ${JSON.stringify(record.magic)?.slice(0, 40)})`);
  const version = record.formatVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) inputError(`${name} has a malformed format version (${JSON.stringify(version)})`);
  if (version > REPLAY_FORMAT_VERSION) {
    inputError(`${name} has format version ${version}, newer than this faultline reads (${REPLAY_FORMAT_VERSION}): upgrade faultline (file written by ${String(record.toolVersion)})`);
  }
  const field = (key: string, type: 'string' | 'number' | 'object'): void => {
    if (typeof record[key] !== type || record[key] === null) inputError(`${name} is damaged: field "${key}" should be a ${type} (got ${JSON.stringify(record[key])?.slice(0, 40)})`);
  };
  field('toolVersion', 'string');
  field('scenario', 'string');
  field('config', 'object');
  field('seed', 'number');
  field('traceHash', 'string');
  field('events', 'number');
  if (!Number.isSafeInteger(record.seed) || (record.seed as number) < 0) inputError(`${name} is damaged: seed ${String(record.seed)} is not a non-negative integer`);
  if (!/^[0-9a-f]{16}$/.test(record.traceHash as string)) inputError(`${name} is damaged: trace hash ${JSON.stringify(record.traceHash)} is not 16 hex digits`);
  if (!Array.isArray(record.bugs) || !record.bugs.every((bug) => typeof bug === 'string')) inputError(`${name} is damaged: field "bugs" should be a list of names`);
  if (!Array.isArray(record.schedule)) inputError(`${name} is damaged: field "schedule" should be a list`);
  if (!Array.isArray(record.violations)) inputError(`${name} is damaged: field "violations" should be a list`);
  for (const violation of record.violations as unknown[]) {
    const each = violation as Record<string, unknown> | null;
    if (each === null || typeof each !== 'object' || typeof each.property !== 'string' || typeof each.message !== 'string') {
      inputError(`${name} is damaged: a violation lacks property/message`);
    }
  }
  if (record.scenarioModule !== undefined && record.scenarioModule !== null) {
    const module = record.scenarioModule as Record<string, unknown>;
    if (typeof module !== 'object' || typeof module.path !== 'string' || typeof module.sha256 !== 'string') {
      inputError(`${name} is damaged: field "scenarioModule" should hold path and sha256`);
    }
  }
  if (record.shrunk !== undefined && record.shrunk !== null) {
    const shrunk = record.shrunk as Record<string, unknown>;
    if (typeof shrunk !== 'object' || !Array.isArray(shrunk.schedule) || typeof shrunk.traceHash !== 'string' || !Array.isArray(shrunk.violations)) {
      inputError(`${name} is damaged: field "shrunk" should hold schedule, traceHash and violations`);
    }
    for (const key of ['config', 'workload'] as const) {
      const value = shrunk[key];
      if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) inputError(`${name} is damaged: field "shrunk.${key}" should be an object`);
    }
    const workload = shrunk.workload as Record<string, unknown> | undefined;
    if (workload !== undefined && !['before', 'after'].every((key) => typeof workload[key] === 'object' && workload[key] !== null)) {
      inputError(`${name} is damaged: field "shrunk.workload" should hold the sizes before and after`);
    }
  }
  return record as unknown as ReplayFile;
}

/**
 * `<scenario>[-bugs]-seed<N>[-<digest>]`: the base name of a run's replay file and reports. The digest
 * (8 hex digits of the config and the scenario module's path) is left out only when the config is the
 * scenario's own defaults and the scenario is built in, so two runs that differ in any `--set` value,
 * or come from different scenario modules, never share a name.
 */
export function replayBaseName(replay: Pick<ReplayFile, 'scenario' | 'bugs' | 'seed' | 'config' | 'scenarioModule'>, defaults?: BaseConfig): string {
  const bugs = replay.bugs.length > 0 ? `-${replay.bugs.join('+')}` : '';
  const isDefault = replay.scenarioModule === undefined && defaults !== undefined && canonicalJson(defaults) === canonicalJson(replay.config);
  const digest = isDefault ? '' : `-${shortDigest({ config: replay.config, module: replay.scenarioModule?.path ?? null })}`;
  return `${replay.scenario}${bugs}-seed${replay.seed}${digest}`;
}

/** Writes `<dir>/<replayBaseName>.replay` atomically and returns its path. */
export function writeReplayFile(directory: string, replay: ReplayFile, defaults?: BaseConfig): string {
  const path = join(directory, `${replayBaseName(replay, defaults)}.replay`);
  writeAtomically(path, encodeReplay(replay));
  return path;
}

/** Temporary file + rename: a reader never sees half a file, a crash never leaves one. */
export function writeAtomically(path: string, content: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export function readReplayFile(path: string): ReplayFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    inputError(`cannot read replay file ${path}: ${oneLine(error)}`);
  }
  return decodeReplay(bytes, `replay file ${path}`);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 160);
}

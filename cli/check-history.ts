// `faultline check-history FILE --model register|kv|eventlog [--format jsonl|edn] [--timeout SECONDS]
// [--json] [--html OUT]`: decide whether a history is linearizable: JSON Lines (the default), or a Jepsen
// history.edn with `--format edn` (also chosen by a `.edn` file name), checked with the register model.
// Exit 0 linearizable, 1 not linearizable, 3 unknown (the time budget ran out), 2 bad input (flags,
// unreadable file, malformed history) with a one-line message on stderr and never a stack trace.
//
// The work happens in checkHistoryCli / runCheckHistory, which return {exitCode, stdout, stderr} and touch
// nothing but the files named; registerCheckHistory only wires them to a commander program and to
// process.stdout / process.stderr / process.exitCode. Every flag takes an optional value and unknown
// options are collected rather than rejected by commander, so every flag error is ours to report with
// exit 2 (commander would exit 1) and nothing here calls process.exit.

import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import {
  builtinModel,
  builtinModelNames,
  checkEdnHistory,
  checkJsonlHistory,
  HistoryInputError,
  isBuiltinModelName,
  type JepsenHistoryForm,
  type JsonlCheck,
} from '../properties/linearizability/index.js';
import { exitCodes } from './exit-codes.js';
import { renderTimelineHtml } from '../reports/linearizability-timeline.js';

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options as commander hands them over: a flag given without a value arrives as `true`. */
export interface CheckHistoryFlags {
  readonly model?: string | boolean;
  readonly format?: string | boolean;
  readonly timeout?: string | boolean;
  readonly json?: boolean;
  readonly html?: string | boolean;
}

const exitLinearizable = exitCodes.pass;
const exitNotLinearizable = exitCodes.violated;
const exitBadInput = exitCodes.badInput;
const exitUnknown = exitCodes.inconclusive;
export const timeoutSecondsDefault = 60;
const timeoutSecondsMax = 86_400;
export const historyFormats = ['jsonl', 'edn'] as const;
type HistoryFileFormat = (typeof historyFormats)[number];

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function badInput(message: string): CliResult {
  return { exitCode: exitBadInput, stdout: '', stderr: `check-history: ${oneLine(message)}\n` };
}

function errorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  return code === '' || error.message.startsWith(code) ? error.message : `${code}: ${error.message}`;
}

/** Validate the flags, read and check the history, and format the verdict. */
export function checkHistoryCli(file: string | undefined, flags: CheckHistoryFlags, extraArguments: readonly string[] = []): CliResult {
  const unknownOption = extraArguments.find((argument) => argument.startsWith('-'));
  if (unknownOption !== undefined) return badInput(`unknown option ${JSON.stringify(unknownOption)}`);
  if (extraArguments.length > 0) return badInput(`expected one history FILE (got an extra argument ${JSON.stringify(extraArguments[0])})`);
  if (file === undefined || file === '') return badInput('expected a history FILE argument');
  if (file.startsWith('-') && file !== '-') return badInput(`unknown option ${JSON.stringify(file)}`);
  let format: HistoryFileFormat = file !== '-' && file.toLowerCase().endsWith('.edn') ? 'edn' : 'jsonl';
  if (flags.format !== undefined) {
    if (typeof flags.format !== 'string' || !(historyFormats as readonly string[]).includes(flags.format)) {
      return badInput(`--format must be one of ${historyFormats.join(', ')} (got ${flags.format === true ? 'no value' : JSON.stringify(flags.format)})`);
    }
    format = flags.format as HistoryFileFormat;
  }
  const models = builtinModelNames.join(', ');
  // A Jepsen history does not name its model: the register form (one register, or one per key with
  // jepsen.independent) is the one read, so --model may be left out, and anything else is a mistake.
  if (format === 'edn' && flags.model !== undefined && flags.model !== 'register') {
    return badInput(`--format edn reads Jepsen register histories (one register, or one per key with jepsen.independent): --model must be register (got ${flags.model === true ? 'no value' : JSON.stringify(flags.model)})`);
  }
  const modelName = format === 'edn' ? 'register' : flags.model;
  if (modelName === undefined) return badInput(`--model is required (one of ${models})`);
  if (typeof modelName !== 'string' || !isBuiltinModelName(modelName)) {
    return badInput(`--model must be one of ${models} (got ${modelName === true ? 'no value' : JSON.stringify(modelName)})`);
  }
  let timeoutSeconds = timeoutSecondsDefault;
  if (flags.timeout !== undefined) {
    timeoutSeconds = typeof flags.timeout === 'string' && /^\s*\d*\.?\d+\s*$/.test(flags.timeout) ? Number(flags.timeout) : Number.NaN;
    if (!(timeoutSeconds > 0 && timeoutSeconds <= timeoutSecondsMax)) {
      return badInput(`--timeout must be a number of seconds in (0, ${timeoutSecondsMax}] (got ${flags.timeout === true ? 'no value' : JSON.stringify(flags.timeout)})`);
    }
  }
  if (flags.html !== undefined && (typeof flags.html !== 'string' || flags.html === '')) return badInput('--html needs an output file path');

  let text: string;
  try {
    // `-` is standard input, as in other command-line tools: `jq … | faultline check-history - --model kv`.
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    return badInput(`cannot read ${file === '-' ? 'the history from standard input' : `history file ${JSON.stringify(file)}`}: ${errorReason(error)}`);
  }
  const startMs = performance.now(); // wall-clock-ok: budget
  let checked: JsonlCheck<unknown, unknown, unknown>;
  let form: JepsenHistoryForm | undefined;
  try {
    const options = { budget: { wallMsMax: timeoutSeconds * 1000 } };
    if (format === 'edn') {
      const edn = checkEdnHistory(text, options);
      checked = edn;
      form = edn.form;
    } else {
      checked = checkJsonlHistory(text, builtinModel(modelName), options);
    }
  } catch (error) {
    if (error instanceof HistoryInputError) return badInput(`${file}: ${error.message}`);
    throw error;
  }
  const wallMs = Math.round((performance.now() - startMs) * 10) / 10; // wall-clock-ok: budget
  const { result } = checked;
  const exitCode = result.linearizable === true ? exitLinearizable : result.linearizable === false ? exitNotLinearizable : exitUnknown;

  if (typeof flags.html === 'string') {
    try {
      writeFileSync(flags.html, renderTimelineHtml(checked.operations, result, checked.model, { title: `${file} (${modelName})` }));
    } catch (error) {
      return badInput(`cannot write --html ${JSON.stringify(flags.html)}: ${errorReason(error)}`);
    }
  }
  if (flags.json === true) {
    const report = { linearizable: result.linearizable, model: modelName, ...(form === undefined ? {} : { form }), operations: result.operations, partitions: result.partitions, wallMs, explanation: result.explanation };
    return { exitCode, stdout: `${JSON.stringify(report)}\n`, stderr: '' };
  }
  const verdict = result.linearizable === true ? 'linearizable' : result.linearizable === false ? 'NOT linearizable' : 'unknown';
  const modelWords = form === 'independent' ? `${modelName} model per key, jepsen.independent` : `${modelName} model`;
  const summary = `${verdict}: ${file} (${modelWords}, ${result.operations} operations, ${result.partitions} partition${result.partitions === 1 ? '' : 's'}, ${wallMs} ms)`;
  const htmlNote = typeof flags.html === 'string' ? `\nTimeline written to ${flags.html}` : '';
  return { exitCode, stdout: `${summary}\n${result.explanation}${htmlNote}\n`, stderr: '' };
}

/** Attach the check-history command to `program`; `deliver` receives each run's result. */
function defineCheckHistory(program: Command, deliver: (result: CliResult) => void): Command {
  return program
    .command('check-history')
    .description('decide whether a history (JSON Lines, or a Jepsen history.edn) is linearizable (exit 0 yes, 1 no, 3 unknown, 2 bad input)')
    .argument('[file]', 'history, one operation event per line (- reads standard input)')
    .option('--model [name]', `(required) sequential model: ${builtinModelNames.join(' | ')} (an EDN history: register, the default)`)
    .option('--format [name]', `history format: ${historyFormats.join(' | ')} (default jsonl; edn for a file named *.edn)`)
    .option('--timeout [seconds]', `search budget in seconds (default ${timeoutSecondsDefault})`)
    .option('--json', 'print one JSON object: {linearizable, model, operations, partitions, wallMs, explanation} (EDN: and form)')
    .option('--html [out]', 'also write a self-contained HTML timeline to OUT')
    // Values are parsed as optional so that a missing one gets our own message and exit 2, but help
    // shows them as they must be given: FILE and --model are required, every value is required.
    .usage('<file> --model <name> [options]')
    .configureHelp({
      optionTerm: (option) => option.flags.replace(/\[(\w+)\]$/, '<$1>'),
      argumentTerm: (argument) => `<${argument.name()}>`,
    })
    .addHelpText(
      'after',
      `
Examples:
  $ faultline check-history history.jsonl --model register
  $ faultline check-history history.jsonl --model kv --timeout 10 --json
  $ faultline check-history history.jsonl --model eventlog --html timeline.html
  $ faultline check-history store/latest/history.edn
  $ faultline check-history - --format edn < history.edn`,
    )
    .allowUnknownOption()
    .allowExcessArguments()
    .action((file: string | undefined, flags: CheckHistoryFlags, command: Command) => {
      deliver(checkHistoryCli(file, flags, command.args.slice(file === undefined ? 0 : 1)));
    });
}

export function registerCheckHistory(program: Command): void {
  defineCheckHistory(program, (result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  });
}

/** Run `check-history ARGV...` without a process: for tests and embedding. */
export function runCheckHistory(argv: readonly string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const delivered: CliResult[] = [];
  const program = new Command('faultline')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  defineCheckHistory(program, (result) => delivered.push(result));
  try {
    program.parse(['check-history', ...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { exitCode: error.exitCode === 0 ? 0 : exitBadInput, stdout, stderr };
  }
  const result = delivered[0];
  if (result === undefined) return { exitCode: exitBadInput, stdout, stderr: `${stderr}check-history: no result\n` };
  return { exitCode: result.exitCode, stdout: stdout + result.stdout, stderr: stderr + result.stderr };
}

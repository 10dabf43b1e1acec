// Proves `faultline check-history` maps verdicts to exit codes 0 / 1 / 3, reports every kind of bad input
// (flags, unreadable file, malformed lines) as exit 2 with one line on stderr and no stack trace, and
// writes the --json and --html outputs, by running the command in-process on fixture and temp files;
// likewise for Jepsen history.edn files (--format edn, or a .edn name).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateHistory, registerWorkload } from '../properties/linearizability/generator.js';
import type { Operation } from '../properties/linearizability/operation.js';
import { createPrng } from '../properties/linearizability/prng.js';
import type { RegisterInput, RegisterOutput } from '../properties/linearizability/register.js';
import { registerCheckHistory, runCheckHistory } from './check-history.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../properties/linearizability/fixtures/${name}.jsonl`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'faultline-check-history-'));
let scratchFiles = 0;

const ednFixture = (name: string): string => fileURLToPath(new URL(`../properties/linearizability/fixtures/${name}.edn`, import.meta.url));

function writeScratch(text: string, extension = 'jsonl'): string {
  const path = join(scratch, `history-${scratchFiles++}.${extension}`);
  writeFileSync(path, text);
  return path;
}

function registerJsonl(operations: readonly Operation<RegisterInput, RegisterOutput>[]): string {
  const events: Array<{ time: number; line: object }> = [];
  for (const operation of operations) {
    const input = operation.input;
    const value = input.f === 'read' ? null : input.f === 'write' ? input.value : [input.expected, input.value];
    events.push({ time: operation.invokeTime, line: { process: operation.process, type: 'invoke', f: input.f, value } });
    if (operation.outcome === 'info') continue;
    const completed = operation.outcome === 'ok' && input.f === 'read' ? operation.output : value;
    events.push({ time: operation.completeTime!, line: { process: operation.process, type: operation.outcome, f: input.f, value: completed } });
  }
  events.sort((left, right) => left.time - right.time);
  return events.map((event) => JSON.stringify(event.line)).join('\n');
}

function expectBadInput(result: { exitCode: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^check-history: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toMatch(pattern);
}

describe('verdicts and exit codes', () => {
  it('exits 0 for a linearizable history', () => {
    const result = runCheckHistory([fixture('register-sequential'), '--model', 'register']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^linearizable: .*register-sequential\.jsonl \(register model, 4 operations, 1 partition, [\d.]+ ms\)\nLinearizable: all 4 operations/);
  });

  it('exits 1 and explains a history that is not linearizable', () => {
    const result = runCheckHistory([fixture('register-new-old-inversion'), '--model', 'register']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('NOT linearizable');
    expect(result.stdout).toContain('The longest linearizable prefix found places 2 operations');
    expect(result.stdout).toContain('process 2 read → null (lines 4–5)');
  });

  it('exits 1 for kv and eventlog violations too', () => {
    expect(runCheckHistory([fixture('kv-porcupine-readme-not-linearizable'), '--model', 'kv']).exitCode).toBe(1);
    expect(runCheckHistory([fixture('eventlog-double-success'), '--model=eventlog']).exitCode).toBe(1);
    expect(runCheckHistory([fixture('eventlog-optimistic-append'), '--model', 'eventlog']).exitCode).toBe(0);
  });

  it('exits 3 when the time budget runs out first', () => {
    const history = generateHistory(registerWorkload(5), createPrng(1_000), { operations: 1_000, processes: 10, infoPercentWrites: 10 });
    const path = writeScratch(registerJsonl(history));
    const result = runCheckHistory([path, '--model', 'register', '--timeout', '0.0001', '--json']);
    expect(result.exitCode).toBe(3);
    const report = JSON.parse(result.stdout) as { linearizable: unknown; explanation: string };
    expect(report.linearizable).toBeNull();
    expect(report.explanation).toMatch(/^Unknown: the time budget ran out/);
    expect(runCheckHistory([path, '--model', 'register']).exitCode).toBe(0);
  });

  it('--json prints exactly one object with the documented fields', () => {
    const result = runCheckHistory([fixture('kv-appends-concurrent'), '--model', 'kv', '--json']);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['linearizable', 'model', 'operations', 'partitions', 'wallMs', 'explanation']);
    expect(report).toMatchObject({ linearizable: true, model: 'kv', operations: 4, partitions: 2 });
    expect(typeof report['wallMs']).toBe('number');
  });

  it('--html writes a self-contained timeline with the failing point marked', () => {
    const out = join(scratch, 'timeline.html');
    const result = runCheckHistory([fixture('register-jepsen-etcd-style-violation'), '--model', 'register', '--html', out]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`Timeline written to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('failing point');
    expect(html).toContain('process 5');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/);
  });

  it('--help prints usage and exits 0', () => {
    const result = runCheckHistory(['--help']);
    expect(result.exitCode).toBe(0);
    // FILE and --model's value are required: help shows them so, though a missing one is parsed by us (exit 2).
    expect(result.stdout).toContain('check-history <file> --model <name> [options]');
    expect(result.stdout).toMatch(/--model <name> +\(required\)/);
  });
});

describe('bad input exits 2 with one line on stderr', () => {
  const register = ['--model', 'register'];
  it.each([
    ['missing file argument', ['--model', 'register'], /expected a history FILE argument/],
    ['missing --model', [fixture('register-sequential')], /--model is required \(one of register, kv, eventlog\)/],
    ['unknown model', [fixture('register-sequential'), '--model', 'queue'], /--model must be one of register, kv, eventlog \(got "queue"\)/],
    ['--model without value', [fixture('register-sequential'), '--model'], /--model must be one of .*\(got no value\)/],
    ['non-numeric timeout', [fixture('register-sequential'), ...register, '--timeout', 'soon'], /--timeout must be a number of seconds in \(0, 86400\] \(got "soon"\)/],
    ['zero timeout', [fixture('register-sequential'), ...register, '--timeout', '0'], /--timeout must be .*\(got "0"\)/],
    ['negative timeout', [fixture('register-sequential'), ...register, '--timeout=-1'], /--timeout must be .*\(got "-1"\)/],
    ['--html without path', [fixture('register-sequential'), ...register, '--html'], /--html needs an output file path/],
    ['unknown option', [fixture('register-sequential'), ...register, '--fast'], /unknown option "--fast"/],
    ['extra argument', [fixture('register-sequential'), 'other.jsonl', ...register], /extra argument "other.jsonl"/],
    ['unreadable file', [join(scratch, 'missing.jsonl'), ...register], /cannot read history file ".*missing\.jsonl": ENOENT/],
    ['directory as file', [scratch, ...register], /cannot read history file .*EISDIR/],
  ])('%s', (_name, argv, pattern) => {
    expectBadInput(runCheckHistory(argv as string[]), pattern);
  });

  it.each([
    ['bad JSON', '{"process": 0, "type": "invoke", "f": "read", "value": null}\n{"process": 0, "type": ', /line 2: expected a JSON object \(invalid JSON: /],
    ['not an object', '[1, 2]', /line 1: expected a JSON object \(got \[1,2\]\)/],
    ['unknown f', '{"process": 0, "type": "invoke", "f": "increment", "value": 1}', /line 1: expected "f" to be one of read, write, cas \(got "increment"\)/],
    ['unknown type', '{"process": 0, "type": "done", "f": "read", "value": null}', /line 1: expected "type" to be one of invoke, ok, fail, info \(got "done"\)/],
    ['bad process', '{"process": "p1", "type": "invoke", "f": "read", "value": null}', /line 1: expected "process" to be an integer >= 0 \(got "p1"\)/],
    ['completion without invoke', '{"process": 4, "type": "ok", "f": "read", "value": 1}', /line 1: ok for process 4, which has no operation outstanding \(completion without invoke\)/],
    ['two outstanding ops', '{"process": 1, "type": "invoke", "f": "read", "value": null}\n\n{"process": 1, "type": "invoke", "f": "write", "value": 2}', /line 3: invoke for process 1 while its read from line 1 is still outstanding/],
    ['write value not an integer', '{"process": 0, "type": "invoke", "f": "write", "value": "3"}', /line 1: expected "value" an integer for write \(got "3"\)/],
    ['cas value shape', '{"process": 0, "type": "invoke", "f": "cas", "value": [1]}', /line 1: expected "value" \[expected, new\] with two integers for cas \(got \[1\]\)/],
    ['read result shape', '{"process": 0, "type": "invoke", "f": "read", "value": null}\n{"process": 0, "type": "ok", "f": "read", "value": "x"}', /line 2: expected ok "value" an integer or null for read \(got "x"\)/],
    ['mismatched f', '{"process": 0, "type": "invoke", "f": "read", "value": null}\n{"process": 0, "type": "ok", "f": "write", "value": 1}', /line 2: expected "f" "read" to match the invoke on line 1 \(got "write"\)/],
    ['time going backwards', '{"process": 0, "type": "invoke", "f": "read", "value": null, "time": 9}\n{"process": 0, "type": "ok", "f": "read", "value": null, "time": 3}', /line 2: expected "time" to be non-decreasing \(got 3 after 9 on line 1\)/],
  ])('%s', (_name, text, pattern) => {
    const path = writeScratch(text);
    const result = runCheckHistory([path, '--model', 'register']);
    expectBadInput(result, pattern);
    expect(result.stderr).toContain(path);
  });

  it('reports the model-specific shape errors of kv and eventlog', () => {
    const kv = writeScratch('{"process": 0, "type": "invoke", "f": "put", "value": "a"}');
    expectBadInput(runCheckHistory([kv, '--model', 'kv']), /line 1: expected "key" a string \(got nothing\)/);
    const eventlog = writeScratch('{"process": 0, "type": "invoke", "f": "append", "stream": "s", "value": {"expectedVersion": -1, "events": ["a"]}}');
    expectBadInput(runCheckHistory([eventlog, '--model', 'eventlog']), /line 1: expected "value" \{"expectedVersion": .* \(got expectedVersion -1\)/);
  });

  it('reports an unwritable --html path', () => {
    const result = runCheckHistory([fixture('register-sequential'), '--model', 'register', '--html', join(scratch, 'no-such-dir', 'x.html')]);
    expectBadInput(result, /cannot write --html ".*x\.html": ENOENT/);
  });
});

describe('Jepsen history.edn', () => {
  it.each([
    ['jepsen-register', 0, /^linearizable: .*jepsen-register\.edn \(register model, 10 operations, 1 partition, [\d.]+ ms\)\nLinearizable: all 10 operations/],
    ['jepsen-register-stale-read', 1, /^NOT linearizable: .*\(register model, 4 operations, .*\n[\s\S]*So process 3 read → 1 \(lines 9–10\) cannot be placed/],
    ['jepsen-independent', 0, /^linearizable: .*\(register model per key, jepsen\.independent, 9 operations, 3 partitions, /],
    ['jepsen-independent-crossed-keys', 1, /^NOT linearizable: [\s\S]*operations on "0" that respects real time[\s\S]*process 3 key 0: read → 5 \(lines 8–9\)/],
  ])('%s: exit %i, read as EDN by its .edn name', (name, exitCode, pattern) => {
    const result = runCheckHistory([ednFixture(name)]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(exitCode);
    expect(result.stdout).toMatch(pattern);
    expect(runCheckHistory([ednFixture(name), '--format', 'edn', '--model', 'register']).exitCode).toBe(exitCode);
  });

  it('--format edn reads a file of any name; without it such a file is JSON Lines', () => {
    const path = writeScratch(readFileSync(ednFixture('jepsen-register-stale-read'), 'utf8'), 'txt');
    expect(runCheckHistory([path, '--format', 'edn']).exitCode).toBe(1);
    expectBadInput(runCheckHistory([path, '--model', 'register']), /line 1: expected a JSON object \(invalid JSON/);
    // And a .edn name can still be read as JSON Lines when asked.
    const jsonl = writeScratch('{"process": 0, "type": "invoke", "f": "read", "value": null}', 'edn');
    expect(runCheckHistory([jsonl, '--format', 'jsonl', '--model', 'register']).exitCode).toBe(0);
  });

  it('--json adds the form; --html draws the keys', () => {
    const report = JSON.parse(runCheckHistory([ednFixture('jepsen-independent'), '--json']).stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['linearizable', 'model', 'form', 'operations', 'partitions', 'wallMs', 'explanation']);
    expect(report).toMatchObject({ linearizable: true, model: 'register', form: 'independent', operations: 9, partitions: 3 });
    const out = join(scratch, 'edn-timeline.html');
    expect(runCheckHistory([ednFixture('jepsen-independent-crossed-keys'), '--html', out]).exitCode).toBe(1);
    expect(readFileSync(out, 'utf8')).toContain('key 0: read → 5');
  });

  it.each([
    ['unknown --format', ['--format', 'yaml'], /--format must be one of jsonl, edn \(got "yaml"\)/],
    ['--format without value', ['--format'], /--format must be one of jsonl, edn \(got no value\)/],
    ['another model', ['--model', 'kv'], /--format edn reads Jepsen register histories .*: --model must be register \(got "kv"\)/],
  ])('%s exits 2', (_name, flags, pattern) => {
    expectBadInput(runCheckHistory([ednFixture('jepsen-register'), ...(flags as string[])]), pattern);
  });

  it.each([
    ['malformed EDN', '{:type :invoke, :f :read, :value nil, :process 0}\n{:type :ok, :f :read, :value [1 2}', /: line 2, column 34: expected \] to close the \[ at line 2, column 30 \(got \}\)\n$/],
    ['op without :type', '{:f :read, :value nil, :process 0}', /: line 1, column 1: an operation needs :type, one of :invoke, :ok, :fail, :info\n$/],
    ['completion without invoke', '{:type :ok, :f :write, :value 3, :process 2, :time 100, :index 0}', /: line 1, column 1: :ok for process 2, which has no operation outstanding \(completion without invoke\)\n$/],
    ['unknown :f', '{:type :invoke, :f :txn, :value [[:r 1 nil]], :process 0}', /: line 1, column 1: expected :f to be one of :read, :write, :cas \(got :txn\)\n$/],
  ])('%s exits 2 naming the file and line', (_name, text, pattern) => {
    const path = writeScratch(text, 'edn');
    const result = runCheckHistory([path]);
    expectBadInput(result, pattern);
    expect(result.stderr).toContain(`check-history: ${path}: line `);
  });

  it('--help documents --format with an EDN example', () => {
    const help = runCheckHistory(['--help']).stdout;
    expect(help).toMatch(/--format <name> +history format: jsonl \| edn/);
    expect(help).toContain('$ faultline check-history - --format edn < history.edn');
  });
});

describe('registerCheckHistory', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('adds the command to a program and reports through process.stdout and process.exitCode', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    const program = new Command('faultline');
    registerCheckHistory(program);
    program.parse(['check-history', fixture('register-stale-read'), '--model', 'register', '--json'], { from: 'user' });
    expect(process.exitCode).toBe(1);
    expect(JSON.parse(written.join('')) as object).toMatchObject({ linearizable: false, model: 'register', operations: 2 });
  });
});

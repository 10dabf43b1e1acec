// Proves the CLI contract by running the real, compiled `faultline` in child processes: the same seed
// prints the same trace hash, a planted bug exits 1 and writes a replay file that `replay` reproduces,
// and every kind of bad input gets one line on stderr, exit code 2 and no stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReplay, encodeReplay, REPLAY_FORMAT_VERSION } from '../reports/replay-file.js';
import { expectBadInputRun, faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-cli-'));

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args);
}

function expectBadInput(args: string[], message: RegExp): void {
  expectBadInputRun(faultline(...args), message, args.join(' '));
}

describe('faultline CLI', () => {
  it('run --json twice prints the same trace hash and the contract fields', () => {
    const first = JSON.parse(faultline('run', 'demo-counter', '--seed', '7', '--json').stdout);
    const second = JSON.parse(faultline('run', 'demo-counter', '--seed', '7', '--json').stdout);
    expect(second.traceHash).toBe(first.traceHash);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['scenario', 'seed', 'ok', 'violations', 'traceHash', 'events', 'simulatedMicros', 'wallMs', 'replayFile']));
    expect(first.ok).toBe(true);
  });

  it('a planted bug exits 1 and writes a replay file that replay reproduces exactly', () => {
    const run = faultline('run', 'demo-counter', '--seed', '7', '--bug', 'mute-after-restart', '--json', '--out', out);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.violations[0].property).toBe('responds-after-heal');
    const replay = faultline('replay', result.replayFile, '--json');
    expect(replay.status).toBe(1);
    const replayed = JSON.parse(replay.stdout);
    expect(replayed.reproduced).toBe(true);
    expect(replayed.traceHash).toBe(result.traceHash);
  });

  it('a replay file whose partitions place clients (partition-primary) reproduces', () => {
    const run = faultline('run', 'partition-primary', '--seed', '0', '--set', 'replication.design=async', '--no-shrink', '--json', '--out', out);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.violations.map((violation: { property: string }) => violation.property)).toContain('no-acked-event-lost');
    const replay = faultline('replay', result.replayFile, '--json');
    expect(replay.status).toBe(1);
    expect(JSON.parse(replay.stdout).reproduced).toBe(true);
  });

  it('replay says clearly when the trace hash differs', () => {
    const run = JSON.parse(faultline('run', 'demo-counter', '--seed', '8', '--bug', 'mute-after-restart', '--json', '--out', out).stdout);
    const replay = decodeReplay(readFileSync(run.replayFile));
    const tampered = join(out, 'tampered.replay');
    writeFileSync(tampered, encodeReplay({ ...replay, traceHash: '0123456789abcdef' }));
    const result = faultline('replay', tampered);
    expect(result.stdout).toMatch(/DIFFERS: trace hash/);
  });

  it('explore reports the same failing seeds for 1 and 2 workers', () => {
    const one = JSON.parse(faultline('explore', 'demo-counter', '--seeds', '12', '--workers', '1', '--bug', 'mute-after-restart', '--json', '--out', out).stdout);
    const two = JSON.parse(faultline('explore', 'demo-counter', '--seeds', '12', '--workers', '2', '--bug', 'mute-after-restart', '--json', '--out', out).stdout);
    expect(one.failures.length).toBeGreaterThan(0);
    expect(two.failures.map((failure: { seed: number }) => failure.seed)).toEqual(one.failures.map((failure: { seed: number }) => failure.seed));
    expect(Object.keys(one)).toEqual(expect.arrayContaining(['scenario', 'seeds', 'failures', 'events', 'wallMs', 'seedsPerSecond', 'eventsPerSecond']));
  });

  it('--stop-on-first reports the lowest failing seed whatever K is; --shard splits a range', () => {
    const all = JSON.parse(faultline('explore', 'demo-counter', '--seeds', '30', '--bug', 'ack-before-fsync', '--json', '--out', out).stdout);
    const lowest = all.failures[0].seed;
    for (const workers of ['1', '2']) {
      const first = JSON.parse(faultline('explore', 'demo-counter', '--seeds', '30', '--workers', workers, '--stop-on-first', '--bug', 'ack-before-fsync', '--json', '--out', out).stdout);
      expect(first.failures.map((failure: { seed: number }) => failure.seed)).toEqual([lowest]);
    }
    const shards = ['0/2', '1/2'].map((shard) => JSON.parse(faultline('explore', 'demo-counter', '--seeds', '30', '--shard', shard, '--bug', 'ack-before-fsync', '--json', '--out', out).stdout));
    expect(shards[0].seeds + shards[1].seeds).toBe(30);
    const merged = [...shards[0].failures, ...shards[1].failures].map((failure: { seed: number }) => failure.seed).sort((a, b) => a - b);
    expect(merged).toEqual(all.failures.map((failure: { seed: number }) => failure.seed));
  });

  it('run --check-determinism compares this thread with a worker thread', () => {
    const result = faultline('run', 'demo-counter', '--seed', '5', '--check-determinism');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/determinism: the same trace hash [0-9a-f]{16} in this thread and in a worker thread/);
  });

  it('--schedule FILE replaces the generated schedule in run and explore, and its replay file reproduces', () => {
    const plan = join(out, 'plan.json');
    const schedule = [
      { atMicros: 1_000_000, fault: { kind: 'healAll' } },
      ...['n1', 'n2', 'n3'].map((node) => ({ atMicros: 800_000, fault: { kind: 'crash', node } })),
    ];
    writeFileSync(plan, JSON.stringify(schedule));
    const run = faultline('run', 'demo-counter', '--seed', '7', '--schedule', plan, '--bug', 'mute-after-restart', '--no-shrink', '--json', '--out', out);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    const replay = decodeReplay(readFileSync(result.replayFile));
    expect(replay.schedule.map((timed: { atMicros: number; fault: { kind: string } }) => `${timed.atMicros} ${timed.fault.kind}`)).toEqual(['800000 crash', '800000 crash', '800000 crash', '1000000 healAll']);
    const replayed = faultline('replay', result.replayFile, '--json');
    expect(JSON.parse(replayed.stdout).reproduced).toBe(true);
    const explore = JSON.parse(faultline('explore', 'demo-counter', '--seeds', '3', '--workers', '1', '--schedule', plan, '--bug', 'mute-after-restart', '--json', '--out', out).stdout);
    expect(explore.failures.map((failure: { seed: number }) => failure.seed)).toEqual([1, 2, 3]);
  });

  it('every command has --help', () => {
    for (const command of ['list', 'run', 'replay', 'explore']) {
      const result = faultline(command, '--help');
      expect(result.status, command).toBe(0);
      expect(result.stdout).toMatch(/Usage: faultline/);
    }
  });

  it('bad input: one line, exit 2', () => {
    expectBadInput(['run', 'no-such-scenario'], /unknown scenario "no-such-scenario" \(known: .*demo-counter/);
    expectBadInput(['run', 'demo-counter', '--seed', 'x7'], /--seed must be a non-negative integer/);
    expectBadInput(['run', 'demo-counter', '--seed', '-1'], /--seed/);
    expectBadInput(['run', 'demo-counter', '--set', 'network.nope=1'], /no such field \(valid: network\.latencyMicrosMin/);
    expectBadInput(['run', 'demo-counter', '--set', 'durationMicros=soon'], /expects a number/);
    expectBadInput(['run', 'demo-counter', '--set', 'network.latencyMicrosMin=5000'], /latencyMicrosMax must be >= latencyMicrosMin/);
    expectBadInput(['run', 'readmodel-crash', '--set', 'readmodel.persistence=write-around'], /readmodel\.persistence must be one of write-through \| write-behind \(got "write-around"\)$/m);
    expectBadInput(['run', 'readmodel-crash', '--set', 'readmodel.writeCoalescing=true'], /readmodel\.writeCoalescing=true is refused: the only map written behind is the append-only event map/);
    expectBadInput(['explore', 'readmodel-swarm', '--set', 'readmodel.cacheTtlMicros=-5'], /readmodel\.cacheTtlMicros must be an integer in \[1, 2000000\] \(got -5\)/);
    expectBadInput(['run', 'demo-counter', '--set', 'noequals'], /path=value/);
    expectBadInput(['run', 'demo-counter', '--bug', 'nope'], /unknown bug "nope" .*known: ack-before-fsync/);
    expectBadInput(['run', 'demo-counter', '--frobnicate'], /unknown option/);
    expectBadInput(['frobnicate'], /unknown command/);
    expectBadInput(['explore', 'demo-counter', '--workers', '0'], /--workers/);
    expectBadInput(['explore', 'demo-counter', '--shard', '3/2'], /--shard/);
    expectBadInput(['replay', join(out, 'missing.replay')], /cannot read replay file/);
    expectBadInput(['run', 'demo-counter', '--schedule', join(out, 'missing.json')], /^faultline: --schedule .*missing\.json: cannot read it \(ENOENT\)$/m);
    expectBadInput(['run', 'demo-counter', '--schedule', out], /--schedule .*: not a file/);
    const notJson = join(out, 'not-json.json');
    writeFileSync(notJson, '[{"atMicros": 5,\n');
    expectBadInput(['run', 'demo-counter', '--schedule', notJson], /--schedule .*not-json\.json: not JSON \(/);
    const badNode = join(out, 'bad-node.json');
    writeFileSync(badNode, JSON.stringify([{ atMicros: 5, fault: { kind: 'pause', node: 'n9' } }]));
    expectBadInput(['explore', 'demo-counter', '--schedule', badNode], /--schedule .*bad-node\.json: schedule\[0\]\.fault\.node must name a node \(n1, n2, n3\) \(got "n9"\)/);
    expectBadInput(['run', 'demo-counter', '--set', 'schedule=plan.json'], /a schedule in a file is read with --schedule FILE/);
  });

  it('bad replay files: truncated, random bytes, foreign msgpack, future format version', () => {
    const run = JSON.parse(faultline('run', 'demo-counter', '--seed', '9', '--bug', 'mute-after-restart', '--json', '--out', out).stdout);
    const bytes = readFileSync(run.replayFile);
    const truncated = join(out, 'truncated.replay');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectBadInput(['replay', truncated], /not a faultline replay file|damaged/);
    const random = join(out, 'random.replay');
    writeFileSync(random, Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 7919 + 13) % 256)));
    expectBadInput(['replay', random], /not a faultline replay file/);
    const foreign = join(out, 'foreign.replay');
    writeFileSync(foreign, encodeReplay({ hello: 'world' } as never));
    expectBadInput(['replay', foreign], /not a faultline replay file \(magic/);
    const future = join(out, 'future.replay');
    writeFileSync(future, encodeReplay({ ...decodeReplay(bytes), formatVersion: REPLAY_FORMAT_VERSION + 1 }));
    expectBadInput(['replay', future], /format version 2, newer than this faultline reads \(1\): upgrade/);
    const wrongScenario = join(out, 'wrong-scenario.replay');
    writeFileSync(wrongScenario, encodeReplay({ ...decodeReplay(bytes), scenario: 'gone' }));
    expectBadInput(['replay', wrongScenario], /unknown scenario "gone"/);
    const badSchedule = join(out, 'bad-schedule.replay');
    writeFileSync(badSchedule, encodeReplay({ ...decodeReplay(bytes), schedule: [{ atMicros: 5, fault: { kind: 'crash', node: 'n99' } }] }));
    expectBadInput(['replay', badSchedule], /schedule\[0\]\.fault\.node must name a node/);
  });
});

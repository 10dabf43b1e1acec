// Proves, through the real binary: `merge` of `explore --shard 0/2` and `--shard 1/2` equals the
// unsharded run's failures and totals, and refuses shards that do not belong together (exit 2, one
// line); `explore --time` stops handing out seeds when its time is spent; replay and report names carry
// a digest of the config, so runs with different `--set` values never overwrite each other; every
// command's help has examples and shows required values as required.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInputRun, faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-merge-'));

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args);
}

function expectBadInput(args: string[], message: RegExp): void {
  expectBadInputRun(faultline(...args), message, args.join(' '));
}

function explore(file: string, ...args: string[]): string {
  const result = faultline('explore', 'demo-counter', '--seeds', '12', '--workers', '2', '--json', '--out', out, ...args);
  expect([0, 1], result.stderr).toContain(result.status);
  const path = join(out, file);
  writeFileSync(path, result.stdout);
  return path;
}

describe('faultline merge', () => {
  it('merging shards 0/2 and 1/2 equals the unsharded run: failures, seeds and events', { timeout: 240_000 }, () => {
    const whole = JSON.parse(faultline('explore', 'demo-counter', '--seeds', '12', '--workers', '2', '--bug', 'mute-after-restart', '--json', '--out', out).stdout);
    const a = explore('a.json', '--bug', 'mute-after-restart', '--shard', '0/2');
    const b = explore('b.json', '--bug', 'mute-after-restart', '--shard', '1/2');
    const merged = faultline('merge', b, a, '--json');
    expect(merged.status, merged.stderr).toBe(1);
    const result = JSON.parse(merged.stdout);
    expect(whole.failures.length).toBeGreaterThan(0);
    expect(result.failures).toEqual(whole.failures);
    expect(result.inconclusive).toEqual(whole.inconclusive);
    expect({ seeds: result.seeds, events: result.events, fromSeed: result.fromSeed }).toEqual({ seeds: whole.seeds, events: whole.events, fromSeed: whole.fromSeed });
    const text = faultline('merge', a, b);
    expect(text.stdout).toMatch(/^demo-counter: 12 seeds \(1\.\.12 in 2 shards\), \d+ failing/);
    expect(text.stdout).toMatch(/faultline replay /);

    expectBadInput(['merge', a, a], /both hold shard 0\/2 of seeds 1\.\.12 \(overlapping shards\)/);
    expectBadInput(['merge', a], /shard 1\/2 of seeds 1\.\.12 is missing/);
    const otherConfig = explore('c.json', '--bug', 'mute-after-restart', '--shard', '1/2', '--set', 'network.lossRatio=0.01');
    expectBadInput(['merge', a, otherConfig], /different configs/);
    const otherBugs = explore('d.json', '--shard', '1/2');
    expectBadInput(['merge', a, otherBugs], /different bugs \(mute-after-restart vs none\)/);
    writeFileSync(join(out, 'garbage.json'), 'not json');
    expectBadInput(['merge', a, join(out, 'garbage.json')], /garbage\.json is not JSON/);
    expectBadInput(['merge', a, join(out, 'missing.json')], /cannot read .*missing\.json/);
    expectBadInput(['merge'], /missing required argument/);
  });
});

describe('explore --time', () => {
  it('stops handing out seeds once the time is spent and says so', () => {
    const result = JSON.parse(faultline('explore', 'demo-counter', '--time', '0.2', '--seeds', '5000', '--workers', '1', '--json', '--out', out).stdout);
    expect(result.stoppedBy).toBe('time');
    expect(result.seeds).toBeGreaterThan(0);
    expect(result.seeds).toBeLessThan(5000);
    expect(result.seedsInShard).toBe(5000);
    expect(result.peakRssMb).toBeGreaterThan(10);
    expectBadInput(['explore', 'demo-counter', '--time', '0'], /--time must be a number of seconds in \(0, 86400\] \(got "0"\)/);
    expectBadInput(['explore', 'demo-counter', '--time', 'soon'], /--time must be a number of seconds/);
  });
});

describe('replay and report names', () => {
  it('carry a config digest unless the config is the defaults, so --set runs never overwrite each other', () => {
    const run = (...set: string[]) => JSON.parse(faultline('run', 'demo-counter', '--seed', '11', '--bug', 'mute-after-restart', '--no-shrink', '--json', '--out', out, ...set).stdout).replayFile as string;
    const plain = run();
    const lossy = run('--set', 'network.lossRatio=0.01', '--set', 'network.duplicateRatio=0.01');
    const reordered = run('--set', 'network.duplicateRatio=0.01', '--set', 'network.lossRatio=0.01');
    const other = run('--set', 'network.lossRatio=0.02', '--set', 'network.duplicateRatio=0.01');
    expect(plain).toBe(join(out, 'demo-counter-mute-after-restart-seed11.replay'));
    expect(lossy).toMatch(/demo-counter-mute-after-restart-seed11-[0-9a-f]{8}\.replay$/);
    expect(reordered).toBe(lossy);
    expect(new Set([plain, lossy, other]).size).toBe(3);
    for (const file of [plain, lossy, other]) {
      expect(existsSync(file)).toBe(true);
      expect(existsSync(file.replace(/\.replay$/, '.md'))).toBe(true);
    }
  });
});

describe('help', () => {
  it('every command shows examples; check-history shows FILE and --model as required', () => {
    for (const command of [[], ['list'], ['run'], ['replay'], ['explore'], ['merge'], ['check-history']]) {
      const help = faultline(...command, '--help');
      expect(help.status, command.join(' ')).toBe(0);
      expect(help.stdout, command.join(' ')).toMatch(/Examples:\n {2}\$ faultline /);
    }
    const checkHistory = faultline('check-history', '--help').stdout;
    expect(checkHistory).toMatch(/Usage: faultline check-history <file> --model <name>/);
    expect(checkHistory).toMatch(/--model <name> +\(required\)/);
    expect(checkHistory).toMatch(/--html <out>/);
    expect(checkHistory).not.toMatch(/\[name\]|\[out\]|\[file\]/);
  });
});

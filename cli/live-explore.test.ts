// Proves the explore listeners' promises: failures are printed in seed order whatever order the workers
// finish in, --stop-on-first prints only the lowest failing seed, and Ctrl-C (SIGINT) on a real
// `faultline explore` keeps what finished, prints the summary and exits 130.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeedOutcome } from './explore-protocol.js';
import { orderedFailurePrinter } from './live-explore.js';

function outcome(seed: number, fails: boolean): SeedOutcome {
  const base = { seed, traceHash: '0'.repeat(16), events: 1, simulatedMicros: 1, schedule: null };
  return fails ? { ...base, outcome: 'fail', kind: 'correctness', violations: [{ property: 'p', kind: 'correctness', message: `seed ${seed} failed` }] } : { ...base, outcome: 'pass', violations: [] };
}

describe('ordered failure printer', () => {
  it('prints failures in seed order although they finish out of order', () => {
    const lines: string[] = [];
    const printer = orderedFailurePrinter([1, 2, 3, 4, 5, 6], false, (line) => lines.push(line));
    for (const [seed, fails] of [[6, true], [2, true], [5, true], [1, false], [4, false], [3, true]] as const) printer.onOutcome(outcome(seed, fails));
    printer.flush();
    expect(lines.map((line) => line.split(':')[0])).toEqual(['seed 2', 'seed 3', 'seed 5', 'seed 6']);
  });

  it('with --stop-on-first prints only the lowest failing seed, even when a higher one finished first', () => {
    const lines: string[] = [];
    const printer = orderedFailurePrinter([5, 6, 7], true, (line) => lines.push(line));
    printer.onOutcome(outcome(6, true));
    printer.onOutcome(outcome(5, true));
    printer.onOutcome(outcome(7, true));
    printer.flush();
    expect(lines).toEqual(['seed 5: p: seed 5 failed\n']);
  });

  it('after a stop, finished seeds above a gap are still printed, in order', () => {
    const lines: string[] = [];
    const printer = orderedFailurePrinter([1, 2, 3, 4], false, (line) => lines.push(line));
    printer.onOutcome(outcome(4, true));
    printer.onOutcome(outcome(3, true));
    expect(lines).toEqual([]);
    printer.flush();
    expect(lines.map((line) => line.split(':')[0])).toEqual(['seed 3', 'seed 4']);
  });
});

describe('Ctrl-C on explore', () => {
  it('prints the summary of what finished and exits 130', async () => {
    const out = mkdtempSync(join(tmpdir(), 'faultline-sigint-'));
    const child = spawn(process.execPath, ['bin/faultline.js', 'explore', 'demo-counter', '--bug', 'mute-after-restart', '--seeds', '5000', '--workers', '1', '--no-ui', '--out', out], { env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // The first failing seed has been printed: some seeds finished; interrupt now.
        if (!signalled && stdout.includes('seed ')) {
          signalled = true;
          child.kill('SIGINT');
        }
      });
      child.on('exit', (code) => resolve(code));
    });
    expect(status).toBe(130);
    expect(stderr).toContain('interrupted');
    const summary = /demo-counter: (\d+) seeds from 1, (\d+) failing/.exec(stdout);
    expect(summary, stdout).not.toBeNull();
    expect(Number(summary?.[1])).toBeGreaterThan(0);
    expect(Number(summary?.[1])).toBeLessThan(5000);
    expect(stdout).toContain('faultline replay');
  }, 120_000);
});

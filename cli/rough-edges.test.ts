// Small things a new user hits: a history on standard input, a replay file read as text, skew in units a
// person reads, and an HTML timeline that draws a cut-off client on its own lane and marks a liveness
// violation (which has no moment) at the end of the run.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../reports/html.js';
import { findScenario } from '../scenarios/registry.js';
import { resolveConfig, runScenario } from '../scenarios/runner.js';
import { describeFault } from '../sim/faults.js';
import { faultlineProcess, type CliRun } from './test-process.js';

const out = mkdtempSync(join(tmpdir(), 'faultline-edges-'));

function faultline(args: string[], input?: string): CliRun {
  return faultlineProcess(args, input === undefined ? {} : { input });
}

describe('rough edges', () => {
  it('check-history - reads the history from standard input, with the same verdict as the file', () => {
    const file = 'properties/linearizability/fixtures/kv-porcupine-readme-not-linearizable.jsonl';
    const fromFile = faultline(['check-history', file, '--model', 'kv', '--json']);
    const fromStdin = faultline(['check-history', '-', '--model', 'kv', '--json'], readFileSync(file, 'utf8'));
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.status).toBe(fromFile.status);
    expect(JSON.parse(fromStdin.stdout).linearizable).toBe(JSON.parse(fromFile.stdout).linearizable);
  });

  it('replay --dump prints the replay file as JSON without running it', () => {
    const run = JSON.parse(faultline(['run', 'demo-counter', '--seed', '11', '--bug', 'mute-after-restart', '--no-shrink', '--json', '--out', out]).stdout) as { replayFile: string; traceHash: string };
    const dump = faultline(['replay', run.replayFile, '--dump']);
    expect(dump.status).toBe(0);
    const replay = JSON.parse(dump.stdout) as { scenario: string; seed: number; traceHash: string; bugs: string[]; schedule: unknown[] };
    expect(replay).toMatchObject({ scenario: 'demo-counter', seed: 11, traceHash: run.traceHash, bugs: ['mute-after-restart'] });
    expect(replay.schedule.length).toBeGreaterThan(0);
    expect(faultline(['replay', join(out, 'missing.replay'), '--dump']).status).toBe(2);
  });

  it('skew reads in time units with its sign', () => {
    expect(describeFault({ kind: 'skew', node: 'n1', offsetMicros: -1_500_000 })).toBe('skew n1 clock by -1.500s');
    expect(describeFault({ kind: 'skew', node: 'n2', offsetMicros: 2_500 })).toBe('skew n2 clock by +2.5ms');
  });

  it('the HTML timeline draws a partition that cuts off a client on that client’s lane, and marks liveness at the end', () => {
    const scenario = findScenario('demo-counter');
    const config = resolveConfig(scenario, ['durationMicros=4000000']);
    const schedule = [
      { atMicros: 100_000, fault: { kind: 'partition' as const, groups: [['c2'], ['n1', 'n2', 'n3', 'c1']] } },
      { atMicros: 600_000, fault: { kind: 'heal' as const } },
      { atMicros: 3_000_000, fault: { kind: 'healAll' as const } },
    ];
    const result = runScenario({ scenario, seed: 3, config, bugs: [], schedule });
    const liveness = { ...result, violations: [{ property: 'responds-after-heal', kind: 'liveness' as const, message: 'n2 never answered' }] };
    const html = renderHtml({ result: liveness, properties: scenario.properties, replayFile: null, shrunk: null, nodes: scenario.nodes(config), defaults: scenario.defaults } as Parameters<typeof renderHtml>[0]);
    const timeline = /<svg xmlns[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    // Lanes are 30 px apart here: nodes n1..n3 on lanes 0..2, clients c1, c2 on lanes 3, 4.
    const cut = [...timeline.matchAll(/<rect x="[\d.]+" y="(-?\d+)"[^>]*><title>c2 partition/g)].map((match) => Number(match[1]));
    expect(cut.length).toBe(1);
    expect(cut[0]).toBeGreaterThan(0);
    expect(timeline).toContain('class="liveness"');
    expect(timeline).toContain('judged at the end of the run');
  });
});

describe('the whole fault schedule of a passing run', () => {
  it('run --json carries every fault, described, where the text output shows the first twelve', () => {
    const args = ['run', 'swarm', '--seed', '7', '--no-shrink', '--out', out];
    const json = JSON.parse(faultline([...args, '--json']).stdout) as { schedule: { atMicros: number; description: string }[] };
    const text = faultline(args).stdout;
    expect(json.schedule.length).toBeGreaterThan(13);
    expect(text).toMatch(new RegExp(`… and ${json.schedule.length - 1 - 12} more \\(every one: \`--json\`'s "schedule"`));
    expect(json.schedule.at(-1)?.description).toBe('healAll');
  });
});

describe('report size', () => {
  it('the HTML report of a 10-simulated-second failure stays under a megabyte, saying what it left out', () => {
    const run = JSON.parse(faultline(['run', 'partition-primary', '--seed', '5', '--set', 'replication.design=async', '--json', '--out', out]).stdout) as { report: string; simulatedMicros: number };
    expect(run.simulatedMicros).toBe(10_000_000);
    const html = readFileSync(run.report, 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
    expect(html).toMatch(/\d+ of \d+ client operations drawn: those nearest/);
    expect(html).toContain('<svg id="spacetime"');
  });
});

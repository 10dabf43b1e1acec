// Proves the HTML and Markdown reports say how a run was configured and never execute what a run
// carries: a recorded failing run shows the space-time diagram (messages, violation marker) and the
// `--set` overrides and bugs in its header; a history, violation and message full of `<script>` and
// `"><img onerror>` payloads (in values, keys, errors and message fields) renders as inert text.
// In headless Chromium (Debian's `chromium`), a failing replay file of each model renders to a DOM
// holding the drawn diagram, and the hostile report to a DOM with no script or img element. Without
// Chromium those two tests are skipped with the reason printed, except in CI, where they must run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFromReplay } from './replay-report.js';
import { replayFromResult } from './replay-file.js';
import { findScenario } from '../scenarios/registry.js';
import { resolveConfig, runScenario } from '../scenarios/runner.js';
import { configLine, configOverrides, designChoices } from './config-header.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { recordRun, summariseValue, type Recording } from './recording.js';

const SCRIPT = '<script>window.pwned=1</script>';
const IMG = '"><img src=x onerror="window.pwned=2">';

const scenario = findScenario('demo-counter');
const config = resolveConfig(scenario, ['durationMicros=4000000', 'network.lossRatio=0.01']);
const recording = recordRun({ scenario, seed: 3, config, bugs: ['mute-after-restart'] });

describe('report header', () => {
  it('names every --set override, the design and the bugs, derived from the resolved config', () => {
    expect(configOverrides(scenario.defaults, config)).toEqual(['durationMicros=4000000', 'network.lossRatio=0.01']);
    const replication = findScenario('partition-primary');
    const async = resolveConfig(replication, ['replication.design=async']);
    expect(designChoices(async)).toEqual(['replication.design=async']);
    expect(configLine(replication.defaults, async, ['vote-twice-per-term'])).toBe('design: replication.design=async · overrides: --set replication.design=async · bugs: vote-twice-per-term');
    expect(configLine(replication.defaults, replication.defaults, [])).toBe('design: replication.design=quorum · overrides: none · bugs: none');
  });

  it('names the options a swarm seed drew, in the header of both reports', () => {
    const swarm = findScenario('counter-swarm');
    const result = runScenario({ scenario: swarm, seed: 4, config: resolveConfig(swarm, []), bugs: [] });
    expect(result.options.length).toBeGreaterThan(0);
    const line = `drawn for this seed: ${result.options.join(', ')}`;
    expect(configLine(swarm.defaults, result.config, [], result.options)).toBe(`design: the scenario's own · overrides: none · ${line} · bugs: none`);
    const input = { result, properties: swarm.properties, replayFile: 'x.replay', shrunk: null, defaults: swarm.defaults };
    expect(renderMarkdown(input)).toContain(line);
    expect(renderHtml({ ...input, nodes: swarm.nodes(result.config) })).toContain(line);
  });

  it('HTML and Markdown of a --set/--bug run state them in the header', () => {
    const input = { result: recording.result, properties: scenario.properties, replayFile: 'x.replay', shrunk: null, defaults: scenario.defaults };
    const html = renderHtml({ ...input, nodes: recording.nodes, recording });
    const header = html.slice(0, html.indexOf('<h2>'));
    expect(header).toContain('--set durationMicros=4000000 --set network.lossRatio=0.01');
    expect(header).toContain('bugs: mute-after-restart');
    const markdown = renderMarkdown(input);
    expect(markdown.split('\n').slice(0, 4).join('\n')).toContain('--set network.lossRatio=0.01');
  });
});

describe('recording', () => {
  it('re-runs to the same trace hash and keeps messages and frames bounded', () => {
    expect(recording.result.outcome).toBe('fail');
    expect(recording.messages.length).toBeGreaterThan(0);
    expect(recording.messages.length).toBeLessThanOrEqual(800);
    expect(recording.messagesTotal).toBeGreaterThanOrEqual(recording.messages.length);
    const again = recordRun({ scenario, seed: 3, config, bugs: ['mute-after-restart'] });
    expect(again.result.traceHash).toBe(recording.result.traceHash);
    expect(again.frames.map((frame) => frame.atMicros)).toEqual(recording.frames.map((frame) => frame.atMicros));
    expect(recording.frames[0]?.nodes.map((node) => node.status)).toEqual(['down', 'down', 'down']);
    expect(recording.frames.some((frame) => frame.happenings.some((each) => each.kind === 'fault'))).toBe(true);
    expect(recording.frames[recording.violationFrame]?.happenings.some((each) => each.kind === 'violation')).toBe(true);
  });

  it('summarises values boundedly: bytes, deep nesting and long strings', () => {
    expect(summariseValue({ type: 'x', data: new Uint8Array(5000), nested: { a: { b: { c: { d: 1 } } } } })).toBe('{type: "x", data: <5000 bytes>, nested: {a: {b: {…}}}}');
    expect(summariseValue('y'.repeat(1000)).length).toBeLessThan(80);
    expect(summariseValue(Array.from({ length: 100 }, (_, index) => index))).toBe('[0, 1, 2, 3, 4, 5, 6, 7, …92 more]');
  });
});

/** The recording with hostile strings everywhere a run can carry text. */
function hostileRecording(): Recording {
  const hostile: Recording = structuredClone(recording);
  const result = hostile.result;
  result.history = [
    { process: 0, type: 'invoke', f: `append${IMG}`, value: SCRIPT, time: 1000, key: IMG },
    { process: 0, type: 'ok', f: `append${IMG}`, value: `${SCRIPT}${IMG}`, time: 2000, key: IMG, node: IMG },
    { process: 1, type: 'invoke', f: 'read', value: null, time: 1500, key: SCRIPT },
    { process: 1, type: 'info', f: 'read', value: null, time: 2600, key: SCRIPT, error: SCRIPT },
  ];
  result.violations = [{ property: `prop${SCRIPT}`, kind: 'correctness', message: `lost ${SCRIPT} and ${IMG}`, atMicros: 1800 }];
  result.summary = { [IMG]: SCRIPT };
  result.bugs = [IMG];
  hostile.window = { startMicros: 0, endMicros: 4_000_000 };
  hostile.messages = [{ source: hostile.nodes[0] as string, target: hostile.nodes[1] as string, type: SCRIPT, sentAtMicros: 1000, deliverAtMicros: 1500, fate: 'delivered', content: summariseValue({ type: SCRIPT, [IMG]: IMG }) }];
  return hostile;
}

describe('escaping', () => {
  it('no payload from a run becomes markup in the HTML report', () => {
    const hostile = hostileRecording();
    const html = renderHtml({ result: hostile.result, properties: [{ name: SCRIPT, description: IMG }], replayFile: `${IMG}.replay`, shrunk: null, nodes: hostile.nodes, recording: hostile, defaults: scenario.defaults });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/onerror="/i);
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('&#34;&#62;&#60;img');
    // The payloads did reach the report, as text: in the diagram's message, the operation and the violation.
    expect(html.match(/&#60;script&#62;window.pwned=1/g)?.length).toBeGreaterThanOrEqual(5);
  });
});

function findChromium(): string | null {
  for (const name of [process.env.CHROMIUM_PATH, 'chromium', 'chromium-browser', 'google-chrome'].filter((each): each is string => each !== undefined && each !== '')) {
    const found = spawnSync('sh', ['-c', `command -v "$0"`, name], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  }
  return null;
}

const chromium = findChromium();
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
if (chromium === null && !inCi) console.warn('reports/report-html.test.ts: headless Chromium tests SKIPPED: no chromium on PATH (apt-get install chromium, or set CHROMIUM_PATH)');

function dumpDom(html: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'faultline-chromium-'));
  const file = join(directory, 'report.html');
  writeFileSync(file, html);
  if (chromium === null) throw new Error('chromium not found on PATH, and in CI the headless rendering test must run (.ci/run installs it)');
  const run = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${join(directory, 'profile')}`, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  expect(run.status, run.stderr.slice(-500)).toBe(0);
  return run.stdout;
}

/** A failing seed of each model, small enough for the suite. */
const failing = [
  { scenario: 'demo-counter', seed: 3, overrides: ['durationMicros=4000000'], bugs: ['mute-after-restart'] },
  { scenario: 'logstore-crash', seed: 3, overrides: [], bugs: ['ack-before-fsync'] },
  { scenario: 'partition-primary', seed: 5, overrides: ['replication.design=async'], bugs: [] },
  { scenario: 'saga-faults', seed: 1, overrides: [], bugs: ['no-dedup-on-retry'] },
];

describe.skipIf(chromium === null && !inCi)(`headless Chromium${chromium === null ? ' (skipped: chromium not found)' : ''}`, () => {
  it.each(failing)('a failing replay of $scenario renders with the space-time diagram drawn', ({ scenario: name, seed, overrides, bugs }) => {
    const definition = findScenario(name);
    const resolved = resolveConfig(definition, overrides);
    const original = runScenario({ scenario: definition, seed, config: resolved, bugs });
    expect(original.outcome).toBe('fail');
    const report = reportFromReplay(replayFromResult(original, '0.0.0-test'), `${name}.replay`);
    const dom = dumpDom(report.html());
    const diagram = /<svg id="spacetime"[\s\S]*?<\/svg>/.exec(dom)?.[0] ?? '';
    expect(diagram).not.toBe('');
    const lanes = (diagram.match(/class="lane"/g) ?? []).length;
    expect(lanes).toBe(definition.nodes(resolved).length + definition.clients(resolved).length);
    expect((diagram.match(/<line class="msg /g) ?? []).length).toBeGreaterThan(0);
    expect(diagram).toContain('class="violation"');
    expect(dom).toContain('<svg id="latency"');
    for (const assignment of overrides) expect(dom).toContain(`--set ${assignment}`);
    for (const bug of bugs) expect(dom).toContain(bug);
  });

  it('the hostile report parses to a DOM with no script and no img element', () => {
    const hostile = hostileRecording();
    const dom = dumpDom(renderHtml({ result: hostile.result, properties: [{ name: SCRIPT, description: IMG }], replayFile: `${IMG}.replay`, shrunk: null, nodes: hostile.nodes, recording: hostile, defaults: scenario.defaults }));
    expect(dom).toContain('<svg id="spacetime"');
    expect(dom).not.toMatch(/<script/i);
    expect(dom).not.toMatch(/<img/i);
    expect(dom).toContain('window.pwned=1');
  });
});

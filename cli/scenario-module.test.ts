// Proves the CLI runs a scenario module that lives outside the package: the compiled example is copied
// to a temporary directory (importing faultline by file URL, as an installed copy would by name), run
// and explored through the real `faultline` binary, and its failure replayed from the replay file,
// which records the module and notices when its source changes. Bad modules are bad input (exit 2).
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeReplay, readReplayFile } from '../reports/replay-file.js';
import { expectBadInputRun, faultlineProcess, type CliRun } from './test-process.js';

const repo = resolve(import.meta.dirname, '..');
const moduleDir = mkdtempSync(join(tmpdir(), 'faultline-user-scenario-'));
const out = join(moduleDir, 'out');
const library = pathToFileURL(join(repo, 'dist', 'cli', 'index.js')).href;
for (const name of ['model.js', 'property.js', 'scenario.js']) {
  const compiled = readFileSync(join(repo, 'dist', 'examples', 'register-store', name), 'utf8');
  writeFileSync(join(moduleDir, name), compiled.replaceAll("from 'faultline'", `from '${library}'`).replace(/\/\/# sourceMappingURL=.*$/m, ''));
}
const scenarioFile = join(moduleDir, 'scenario.js');

function faultline(...args: string[]): CliRun {
  return faultlineProcess(args, { cwd: moduleDir });
}

function expectBadInput(args: string[], message: RegExp): void {
  expectBadInputRun(faultline(...args), message, args.join(' '));
}

describe('a scenario module outside the package', () => {
  it('runs by path, fails with its planted bug, and its replay file reproduces the failure', () => {
    const passing = faultline('run', './scenario.js', '--seed', '3', '--json');
    expect(passing.status, passing.stderr).toBe(0);
    expect(JSON.parse(passing.stdout).scenario).toBe('register-store');

    const run = faultline('run', './scenario.js', '--seed', '8', '--bug', 'ack-before-fsync', '--json', '--out', out);
    expect(run.status, run.stderr).toBe(1);
    const failed = JSON.parse(run.stdout);
    expect(failed.violations[0].property).toBe('linearizable-register');
    expect(failed.replayFile).toMatch(/register-store-ack-before-fsync-seed8-[0-9a-f]{8}\.replay$/);
    const recorded = readReplayFile(failed.replayFile);
    expect(recorded.scenarioModule?.path).toBe(scenarioFile);
    expect(recorded.shrunk).toBeDefined();

    const replay = faultline('replay', failed.replayFile, '--json');
    expect(replay.status, replay.stderr).toBe(1);
    expect(JSON.parse(replay.stdout)).toMatchObject({ reproduced: true, moduleChanged: false, traceHash: failed.traceHash });
    const shrunk = faultline('replay', failed.replayFile, '--shrunk', '--json');
    expect(JSON.parse(shrunk.stdout).reproduced).toBe(true);

    appendFileSync(scenarioFile, '\n// edited after the run was recorded\n');
    const edited = faultline('replay', failed.replayFile);
    expect(edited.stdout).toMatch(/note: the scenario module .*scenario\.js has changed since the run was recorded/);
    expect(edited.stdout).toMatch(/reproduced: same trace hash/);
  });

  it('explores on worker threads, which load the module themselves', () => {
    const explored = faultline('explore', scenarioFile, '--seeds', '8', '--workers', '2', '--bug', 'ack-before-fsync', '--json', '--out', out);
    expect(explored.status, explored.stderr).toBe(1);
    const report = JSON.parse(explored.stdout);
    expect(report.failures.map((failure: { seed: number }) => failure.seed)).toContain(8);
    expect(report.scenarioModule).toBe(scenarioFile);
    const replay = faultline('replay', report.failures[0].replayFile, '--json');
    expect(JSON.parse(replay.stdout).reproduced).toBe(true);
  });

  it('refuses modules that are missing, TypeScript, export no scenario or an incomplete one (exit 2, one line)', () => {
    writeFileSync(join(moduleDir, 'empty.js'), 'export const answer = 42;\n');
    writeFileSync(join(moduleDir, 'incomplete.js'), "export default { name: 'half', description: 'x', model: 'm', bugs: {}, properties: [], defaults: {}, nodes: () => ['n1'], clients: () => [] };\n");
    writeFileSync(join(moduleDir, 'throws.js'), "throw new Error('boom at import');\n");
    writeFileSync(join(moduleDir, 'clash.js'), `import { findScenario } from '${library}';\nexport default findScenario('demo-counter');\n`);
    expectBadInput(['run', './nope.js'], /cannot read scenario module \.\/nope\.js/);
    expectBadInput(['run', './scenario.ts'], /is TypeScript: compile it first/);
    expectBadInput(['run', './empty.js'], /exports no scenario: export it as default or as `scenario` \(exports: answer\)/);
    expectBadInput(['run', './incomplete.js'], /scenario half\): setup must be a function/);
    expectBadInput(['run', './throws.js'], /cannot load scenario module \.\/throws\.js: boom at import/);
    expectBadInput(['run', './clash.js'], /name "demo-counter" is taken by a built-in scenario/);
    expectBadInput(['explore', './empty.js', '--seeds', '2'], /exports no scenario/);
    expectBadInput(['run', './scenario.js', '--bug', 'no-such-bug'], /unknown bug "no-such-bug" for model register-store/);
    expectBadInput(['run', './scenario.js', '--set', 'register.clientCount=0'], /register\.clientCount must be an integer in \[1, 16\]/);
  });

  it('--check-determinism names the first event at which this thread and a worker thread disagree', () => {
    writeFileSync(
      join(moduleDir, 'thread-sensitive.js'),
      `import { isMainThread } from 'node:worker_threads';
import { diskDefaults, networkDefaults } from '${library}';
// A deliberately broken model: its second timer's delay depends on the thread it runs in.
export default {
  name: 'thread-sensitive', description: 'a timer that depends on the thread', model: 'thread-sensitive', bugs: {}, properties: [],
  defaults: { durationMicros: 100000, eventsMax: 10000, pendingEventsMax: 1000, network: { ...networkDefaults }, disk: { ...diskDefaults }, schedule: null,
    faults: { swarm: false, startMicros: 0, endMicros: 50000, kinds: {} } },
  nodes: () => ['n1'],
  clients: () => [],
  setup(simulation) {
    simulation.start('n1', (context) => {
      context.setTimer(1000, 'tick', () => context.setTimer(isMainThread ? 2000 : 3000, 'tock', () => undefined));
      return {};
    });
    return { check: () => [] };
  },
};
`,
    );
    const text = faultline('run', './thread-sensitive.js', '--seed', '1', '--check-determinism');
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/NONDETERMINISTIC: seed 1 gave trace hash [0-9a-f]{16}, then [0-9a-f]{16} in a worker thread/);
    expect(text.stdout).toContain('the traces first differ at event #2: in this thread 3.0ms n1 timer "tock", in the worker 4.0ms n1 timer "tock"');
    const json = JSON.parse(faultline('run', './thread-sensitive.js', '--seed', '1', '--check-determinism', '--json').stdout);
    expect(json).toMatchObject({ ok: false, kind: 'nondeterministic', determinism: { deterministic: false, divergence: { index: 2, here: { time: 3000, node: 'n1', kind: 'timer' }, there: { time: 4000 } } } });
    expect(faultline('run', './scenario.js', '--seed', '1', '--check-determinism').stdout).toMatch(/determinism: the same trace hash/);
  });

  it('a replay file whose module is gone asks for --scenario, which then finds it', () => {
    const run = JSON.parse(faultline('run', './scenario.js', '--seed', '8', '--bug', 'ack-before-fsync', '--no-shrink', '--json', '--out', out).stdout);
    const replay = readReplayFile(run.replayFile);
    const moved = join(moduleDir, 'moved.replay');
    writeFileSync(moved, encodeReplay({ ...replay, scenarioModule: { path: join(moduleDir, 'gone', 'scenario.js'), sha256: replay.scenarioModule?.sha256 ?? '' } }));
    expectBadInput(['replay', moved], /records scenario module .*gone\/scenario\.js, which no longer exists: pass --scenario PATH/);
    const found = faultline('replay', moved, '--scenario', './scenario.js', '--json');
    expect(found.status, found.stderr).toBe(1);
    expect(JSON.parse(found.stdout).reproduced).toBe(true);
    expectBadInput(['replay', moved, '--scenario', './empty.js'], /exports no scenario/);
  });
});

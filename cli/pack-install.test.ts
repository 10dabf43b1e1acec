// Proves faultline installs and works as a package, the way a user gets it: `npm pack` the built tree,
// install the tarball into a scratch project (offline, from the npm cache `npm ci` filled, with the
// dependency versions of this repo's lockfile), type-check and compile a user's TypeScript project —
// the example model, property and scenario plus a file touching every entry point — against it with no
// deep import path (with skipLibCheck, as most projects set it: checking all of @types/node too triples
// the time), run it, then run the installed `faultline` binary on the compiled scenario module,
// make it fail with the planted bug and replay the failure from its replay file.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // npm_config_* from an enclosing `npm test` would steer the inner npm (e.g. its prefix); drop them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...env, CI: 'true', NO_UPDATE_NOTIFIER: '1' }, timeout: 150_000 });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}: ${result.stderr.slice(-2000)}${result.stdout.slice(-2000)}`);
  return result.stdout;
}

/** A lockfile for the scratch project: the tarball, plus this repo's locked versions of its runtime dependencies. */
function scratchLockfile(tarball: string): object {
  const repoLock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const root = repoLock.packages[''] as Record<string, unknown>;
  const packages: Record<string, unknown> = {
    '': { name: 'scratch', version: '1.0.0', dependencies: { faultline: `file:${tarball}` } },
    'node_modules/faultline': { version: root.version, resolved: `file:${tarball}`, license: root.license, dependencies: root.dependencies, bin: root.bin, engines: root.engines },
  };
  for (const [path, entry] of Object.entries(repoLock.packages)) if (path !== '' && entry.dev !== true) packages[path] = entry;
  return { name: 'scratch', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

const userFile = `
import { assertPasses, faultScheduleArbitrary, loadScenarioModule, runArbitrary, scenarios, simulate, type NodeContext, type NodeFactory, type ScenarioDefinition, type Violation } from 'faultline';
import { main } from 'faultline/cli';
import { checkHistory, registerModel } from 'faultline/linearizability';
import { registerStore } from './scenario.js';

const echo: NodeFactory = (context: NodeContext) => ({ onMessage: (source, message) => context.send(source, message) });
const noViolations: Violation[] = [];
const scenario: ScenarioDefinition<any> = registerStore;
const result = simulate({ scenario, seed: 1, out: false });
const linearizable = checkHistory([], registerModel).linearizable;
console.log(JSON.stringify({ outcome: result.outcome, builtIn: scenarios.length, linearizable, echo: typeof echo, main: typeof main, assertPasses: typeof assertPasses, load: typeof loadScenarioModule, arbitraries: [typeof faultScheduleArbitrary, typeof runArbitrary], noViolations }));
`;

describe('the npm package', () => {
  it('packs, installs offline, type-checks a user project against its exports, and its binary runs a user scenario', { timeout: 180_000 }, () => {
    const scratch = mkdtempSync(join(tmpdir(), 'faultline-pack-'));
    // dist/ is already built (the suite's global setup): no prepare script, so nothing rebuilds it mid-suite.
    const packed = JSON.parse(ok(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], repo), 'npm pack')) as { filename: string; files: { path: string }[] }[];
    const tarball = packed[0]?.filename as string;
    const files = (packed[0]?.files ?? []).map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['bin/faultline.js', 'dist/cli/index.js', 'dist/cli/index.d.ts', 'dist/cli/main.js', 'dist/sim/node.d.ts', 'package.json']));
    expect(files.filter((path) => /\.test\.|\.map$|^dist\/examples\//.test(path))).toEqual([]);

    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module', dependencies: { faultline: `file:${tarball}` } }));
    writeFileSync(join(scratch, 'package-lock.json'), JSON.stringify(scratchLockfile(tarball)));
    const install = ['ci', '--ignore-scripts', '--no-audit', '--no-fund'];
    let installed = sh('npm', [...install, '--offline'], scratch);
    // Offline first; a cache that lacks something falls back to the registry.
    if (installed.status !== 0) installed = sh('npm', [...install, '--prefer-offline'], scratch);
    ok(installed, 'npm ci (scratch project)');

    const source = join(scratch, 'src');
    mkdirSync(source);
    for (const name of ['model.ts', 'property.ts', 'scenario.ts']) copyFileSync(join(repo, 'examples', 'register-store', name), join(source, name));
    writeFileSync(join(source, 'use.ts'), userFile);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', rootDir: 'src', types: ['node'], typeRoots: [join(repo, 'node_modules/@types')], skipLibCheck: true },
        include: ['src'],
      }),
    );
    ok(sh(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', '.'], scratch), 'tsc on the user project');
    const used = JSON.parse(ok(sh(process.execPath, ['out/use.js'], scratch), 'node out/use.js'));
    expect(used).toMatchObject({ outcome: 'pass', linearizable: true, main: 'function', assertPasses: 'function', load: 'function' });
    expect(used.builtIn).toBeGreaterThan(5);
    const deep = sh(process.execPath, ['--input-type=module', '-e', "await import('faultline/dist/sim/node.js')"], scratch);
    expect(deep.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);

    const faultline = join(scratch, 'node_modules', '.bin', 'faultline');
    expect(ok(sh(faultline, ['list'], scratch), 'faultline list')).toMatch(/logstore-crash/);
    const run = sh(faultline, ['run', './out/scenario.js', '--seed', '8', '--bug', 'ack-before-fsync', '--no-shrink', '--json', '--out', 'faultline-out'], scratch);
    expect(run.status, run.stderr).toBe(1);
    const failed = JSON.parse(run.stdout);
    expect(failed.violations[0].property).toBe('linearizable-register');
    const replay = sh(faultline, ['replay', failed.replayFile, '--json'], scratch);
    expect(replay.status, replay.stderr).toBe(1);
    expect(JSON.parse(replay.stdout)).toMatchObject({ reproduced: true, moduleChanged: false });
  });
});

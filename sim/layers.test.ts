// Guards the direction of the arrows: data flows sim → models → properties → scenarios → reports → cli,
// and an import may only point down that list (or stay in its own layer). Models see the kernel only
// through the interfaces a node is handed (`sim/node.ts`) and the kernel's assertion and time helpers;
// their unit tests may also use the kernel's test host. Tests may import upwards (they exercise the stack).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const layers = ['sim', 'models', 'properties', 'scenarios', 'reports', 'cli'] as const;
/** What a model may take from sim/: the host-shaped interfaces, assertions and time. */
const kernelForModels = new Set(['sim/node.ts', 'sim/assert.ts', 'sim/time.ts']);
/** What a model's unit test may take from sim/ besides. */
const kernelForModelTests = new Set(['sim/test-host.ts']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The relative module specifiers a source file imports or re-exports, static and dynamic. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function layerOf(path: string): number {
  return layers.indexOf(path.split('/')[0] as (typeof layers)[number]);
}

/** Each import that points against the layer order, as `file → target: why`. */
export function layerViolations(files: readonly string[], read: (path: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const isTest = /\.test\.tsx?$/.test(file);
    for (const specifier of importsOf(read(file))) {
      const target = normalize(join(dirname(file), specifier)).replace(/\\/g, '/').replace(/\.js$/, '.ts');
      const resolved = target.startsWith('..') ? relative('.', target) : target;
      const to = layerOf(resolved);
      if (to < 0) continue; // package-level files (index.ts and such) are outside the layers
      // Tests sit above everything they exercise (a kernel test may run a whole scenario): the order binds
      // the code that ships, while the kernel-interface rule below binds model tests too.
      if (to > from && !isTest) found.push(`${file} → ${resolved}: ${layers[from]}/ must not import from ${layers[to]}/, which sits above it`);
      else if (layers[from] === 'models' && layers[to] === 'sim') {
        const tsx = resolved.replace(/\.ts$/, '.tsx');
        const allowed = kernelForModels.has(resolved) || (isTest && kernelForModelTests.has(resolved)) || kernelForModels.has(tsx);
        if (!allowed) found.push(`${file} → ${resolved}: models see the kernel through sim/node.ts (and sim/assert.ts, sim/time.ts), not its concrete parts`);
      }
    }
  }
  return found;
}

describe('import graph', () => {
  it('every import points down the layer order, and models use only the kernel interfaces', () => {
    const files = layers.flatMap((layer) => sourceFiles(layer));
    expect(files.length).toBeGreaterThan(40);
    expect(layerViolations(files, (path) => readFileSync(path, 'utf8'))).toEqual([]);
  });

  it('catches an arrow that points up, and a model reaching into the concrete kernel', () => {
    const sources: Record<string, string> = {
      'sim/a.ts': "import type { Violation } from '../properties/violation.js';",
      'properties/b.ts': "import { x } from '../scenarios/types.js';\nexport { y } from '../sim/node.js';",
      'models/c/d.ts': "import { Disk } from '../../sim/disk.js';\nimport type { NodeContext } from '../../sim/node.js';",
      'models/c/e.test.ts': "import { createTestHost } from '../../sim/test-host.js';",
      'reports/f.ts': "const m = await import('../cli/main.js');",
      'scenarios/g.ts': "import { run } from '../models/c/d.js';\nimport './side-effect.js';",
      'sim/h.test.ts': "import { runScenario } from '../scenarios/runner.js';",
    };
    const found = layerViolations(Object.keys(sources), (path) => sources[path] as string);
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toMatch(/sim\/a\.ts → properties\/violation\.ts/);
    expect(found.join('\n')).toMatch(/properties\/b\.ts → scenarios\/types\.ts/);
    expect(found.join('\n')).toMatch(/models\/c\/d\.ts → sim\/disk\.ts/);
    expect(found.join('\n')).toMatch(/reports\/f\.ts → cli\/main\.ts/);
  });
});

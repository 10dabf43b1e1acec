// Guards the determinism boundary: nothing in sim/, models/, properties/ or scenarios/ reaches for
// wall time, global randomness, real timers, real I/O or racing promises. A line that must (wall time
// for a report, a checker's budget) says so with a `// wall-clock-ok` comment.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const roots = ['sim', 'models', 'properties', 'scenarios'];
const forbidden: [RegExp, string][] = [
  [/\bDate\.now\b|\bnew Date\(/, 'wall-clock date'],
  [/\bMath\.random\b/, 'global randomness'],
  [/\bset(Timeout|Interval|Immediate)\b/, 'real timer'],
  [/\bperformance\.now\b|\bprocess\.hrtime\b/, 'wall-clock timer'],
  [/from 'node:(fs|net|http|https|dgram|child_process)'|require\('(fs|net)'\)/, 'real I/O'],
  [/\bPromise\.(race|any)\b/, 'racing promises'],
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|bench)\.tsx?$/.test(name) ? [path] : [];
  });
}

export function boundaryViolations(files: string[], read: (path: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    read(file)
      .split('\n')
      .forEach((line, index) => {
        if (line.includes('wall-clock-ok') || /^\s*(\/\/|\*)/.test(line)) return;
        for (const [pattern, what] of forbidden) if (pattern.test(line)) found.push(`${file}:${index + 1}: ${what}: ${line.trim()}`);
      });
  }
  return found;
}

describe('determinism boundary', () => {
  it('sim/, models/, properties/, scenarios/ use no wall time, Math.random, real timers or real I/O', () => {
    const files = roots.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
    expect(boundaryViolations(files, (path) => readFileSync(path, 'utf8'))).toEqual([]);
  });

  it('the guard itself catches each forbidden use', () => {
    const samples = ['const t = Date.now();', 'Math.random()', 'setTimeout(f, 1)', "import fs from 'node:fs';", 'performance.now()', 'Promise.race([a, b])'];
    for (const sample of samples) expect(boundaryViolations(['x.ts'], () => sample), sample).toHaveLength(1);
    expect(boundaryViolations(['x.ts'], () => 'const t = performance.now(); // wall-clock-ok: report')).toHaveLength(0);
  });
});

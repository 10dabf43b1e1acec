// For the CLI's own tests: runs the compiled `faultline` binary in a child process, as a user's shell
// would, with CI set (no live view) and room for large JSON output. Not part of the package.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const binary = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../bin/faultline.js' : '../bin/faultline.js', import.meta.url));

export function faultlineProcess(args: readonly string[], options: { input?: string; cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [binary, ...args], {
    encoding: 'utf8',
    input: options.input,
    cwd: options.cwd,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CI: 'true' },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Bad input's contract: exit 2, one line on stderr matching `message`, no stack trace. */
export function expectBadInputRun(run: CliRun, message: RegExp, label: string): void {
  expect(run.status, label).toBe(2);
  expect(run.stderr.trim().split('\n'), label).toHaveLength(1);
  expect(run.stderr, label).toMatch(message);
  expect(run.stderr, label).not.toMatch(/\n\s+at /);
}

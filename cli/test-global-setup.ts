// Builds dist/ once before the suite, so tests that spawn the real CLI or start worker threads
// exercise the same compiled code a user runs after `npm ci`. Type errors are not judged here (tsc
// still emits); `npm test` runs `tsc --noEmit` first, and that is what fails on them.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (result.error !== undefined) throw result.error;
}

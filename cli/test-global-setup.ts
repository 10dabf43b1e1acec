// Builds dist/ once before the suite, so tests that spawn the real CLI or start worker threads
// exercise the same compiled code a user runs after `npm ci`.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}

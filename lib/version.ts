// The tool's own version, read from package.json once.
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function toolVersion(): string {
  if (cached === null) {
    const here = new URL(import.meta.url);
    const depth = here.pathname.includes('/dist/') ? '../../package.json' : '../package.json';
    const packageJson = JSON.parse(readFileSync(new URL(depth, here), 'utf8')) as { version: string };
    cached = packageJson.version;
  }
  return cached;
}

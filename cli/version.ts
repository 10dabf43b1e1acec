// The tool's own version (the library keeps it: `lib/version.ts`).
export { toolVersion } from '../lib/version.js';

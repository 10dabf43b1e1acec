// A short, stable digest of a run's configuration: the same config (whatever order its keys were set
// in) gives the same digest. File names carry it so that runs with different `--set` values never
// overwrite each other's replay files and reports, and `merge` uses it to refuse mixed shards.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal values serialise equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** The first 8 hex digits of the SHA-256 of the canonical JSON. */
export function shortDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 8);
}

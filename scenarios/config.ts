// Resolving a scenario's config: defaults, then `--set path=value` overrides by dotted path. An
// override must name an existing field and keep its type; otherwise the error lists the valid choices.
import { inputError } from './input-error.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function cloneConfig<T>(config: T): T {
  return structuredClone(config);
}

/** Applies one `path=value` override in place. */
export function applyOverride(config: Record<string, unknown>, assignment: string): void {
  const equals = assignment.indexOf('=');
  if (equals <= 0) inputError(`--set expects path=value (got "${assignment}")`);
  const path = assignment.slice(0, equals).trim();
  const text = assignment.slice(equals + 1).trim();
  const keys = path.split('.');
  let holder: Record<string, unknown> = config;
  for (let depth = 0; depth < keys.length - 1; depth++) {
    const key = keys[depth] as string;
    const next = Object.hasOwn(holder, key) ? holder[key] : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      inputError(`--set ${path}: no such field "${keys.slice(0, depth + 1).join('.')}" (valid: ${fieldList(holder, keys.slice(0, depth))})`);
    }
    holder = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (!Object.hasOwn(holder, last)) inputError(`--set ${path}: no such field (valid: ${fieldList(holder, keys.slice(0, -1))})`);
  holder[last] = parseLike(holder[last], text, path);
}

function fieldList(holder: Record<string, unknown>, prefix: string[]): string {
  const base = prefix.length > 0 ? `${prefix.join('.')}.` : '';
  return Object.keys(holder)
    .map((key) => base + key)
    .join(', ');
}

function parseLike(current: unknown, text: string, path: string): unknown {
  if (typeof current === 'number') {
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) inputError(`--set ${path} expects a number (got "${text}")`);
    if (Number.isInteger(current) && !Number.isInteger(value) && /Micros|Max|Min|count|Count|Bytes|eventsMax/.test(path)) {
      inputError(`--set ${path} expects an integer (got "${text}")`);
    }
    return value;
  }
  if (typeof current === 'boolean') {
    if (text !== 'true' && text !== 'false') inputError(`--set ${path} expects true or false (got "${text}")`);
    return text === 'true';
  }
  if (typeof current === 'string') return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    inputError(`--set ${path} expects JSON (${Array.isArray(current) ? 'an array' : 'an object'}) (got "${text}")`);
  }
  if (Array.isArray(current) !== Array.isArray(parsed) || typeof parsed !== typeof current) {
    inputError(`--set ${path} expects ${Array.isArray(current) ? 'a JSON array' : current === null ? 'null' : 'a JSON object'} (got "${text}")`);
  }
  return parsed;
}

/** Checks a numeric field: an integer within bounds. */
export function requireInteger(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    inputError(`${path} must be an integer in [${min}, ${max}] (got ${JSON.stringify(value)})`);
  }
}

export function requireRatio(value: unknown, path: string): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) inputError(`${path} must be a number in [0, 1] (got ${JSON.stringify(value)})`);
}

export function requireChoice<T extends string>(value: unknown, path: string, choices: readonly T[]): void {
  if (typeof value !== 'string' || !choices.includes(value as T)) inputError(`${path} must be one of ${choices.join(' | ')} (got ${JSON.stringify(value)})`);
}

// Parsing of the options several commands share. Each failure is an InputError with one line.
import { randomInt } from 'node:crypto';
import { inputError } from '../scenarios/input-error.js';

export function parseNonNegativeInteger(text: string, flag: string): number {
  if (!/^\d{1,16}$/.test(text.trim())) inputError(`${flag} must be a non-negative integer (got "${text}")`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) inputError(`${flag} must be at most ${Number.MAX_SAFE_INTEGER} (got "${text}")`);
  return value;
}

export function parsePositiveInteger(text: string, flag: string, max = 1_000_000_000): number {
  const value = parseNonNegativeInteger(text, flag);
  if (value < 1 || value > max) inputError(`${flag} must be an integer in [1, ${max}] (got "${text}")`);
  return value;
}

/** The one place entropy enters faultline: a seed chosen when the user gave none (and printed first). */
export function chooseSeed(): number {
  return randomInt(1, 2 ** 31);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `i/n` with 0 <= i < n. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) inputError(`--shard expects i/n, e.g. 0/4 (got "${text}")`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) inputError(`--shard i/n needs 0 <= i < n (got "${text}")`);
  return { index, count };
}

/** A positive number of seconds (fractions allowed), at most a day. */
export function parseSeconds(text: string, flag: string): number {
  const value = /^\s*\d*\.?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && value <= 86_400)) inputError(`${flag} must be a number of seconds in (0, 86400] (got "${text}")`);
  return value;
}

// A running 64-bit hash over the executed events of a run, kept as two 32-bit lanes so it stays in
// integer arithmetic (Math.imul) and never depends on float formatting. Not cryptographic: it only has
// to make two runs that differ in any executed event disagree with overwhelming probability.

import { fail } from './assert.js';

const TWO_POW_32 = 0x1_0000_0000;
/** A number's IEEE-754 bytes, read back as two 32-bit words in one stated byte order on every machine. */
const FLOAT_VIEW = new DataView(new ArrayBuffer(8));

export class TraceHash {
  private high = 0x6a09e667;
  private low = 0xbb67ae85;

  /** Mix one unsigned 32-bit word (any integer is reduced modulo 2^32). */
  word(value: number): void {
    let word = value >>> 0;
    word = Math.imul(word ^ (word >>> 16), 0x85ebca6b);
    word = Math.imul(word ^ (word >>> 13), 0xc2b2ae35);
    word ^= word >>> 16;
    this.low = Math.imul(this.low ^ word, 0x01000193) >>> 0;
    this.high = (Math.imul(this.high ^ (this.low >>> 7) ^ word, 0x5bd1e995) + 0x9e3779b9) >>> 0;
  }

  /** Mix a non-negative safe integer up to 2^53 (times, positions); one word when it fits in 32 bits. */
  integer(value: number): void {
    if (value < TWO_POW_32) {
      this.word(value);
      return;
    }
    this.word(value % TWO_POW_32);
    this.word(Math.floor(value / TWO_POW_32));
  }

  text(value: string): void {
    this.word(value.length);
    for (let index = 0; index < value.length; index++) this.word(value.charCodeAt(index));
  }

  /**
   * Mix plain data (a fault, say) by its structure, never by how it is worded for people: strings,
   * numbers (by their IEEE-754 bits, so fractions and negatives are exact), booleans, null, arrays in
   * order, and objects with their keys sorted. Rewording a description leaves the hash alone.
   */
  value(value: unknown): void {
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const current = stack.pop();
      if (typeof current === 'string') {
        this.word(0x5);
        this.text(current);
      } else if (typeof current === 'number') {
        FLOAT_VIEW.setFloat64(0, current, true);
        this.word(0x6);
        this.word(FLOAT_VIEW.getUint32(0, true));
        this.word(FLOAT_VIEW.getUint32(4, true));
      } else if (typeof current === 'boolean') {
        this.word(current ? 0x7 : 0x8);
      } else if (current === null || current === undefined) {
        this.word(0x9);
      } else if (Array.isArray(current)) {
        this.word(0xa);
        this.word(current.length);
        for (let index = current.length - 1; index >= 0; index--) stack.push(current[index]);
      } else if (typeof current === 'object') {
        const keys = Object.keys(current).sort();
        this.word(0xb);
        this.word(keys.length);
        for (let index = keys.length - 1; index >= 0; index--) {
          const key = keys[index] as string;
          stack.push((current as Record<string, unknown>)[key]);
          stack.push(key);
        }
      } else {
        fail(`TraceHash.value: cannot hash a ${typeof current}`);
      }
    }
  }

  hex(): string {
    return this.high.toString(16).padStart(8, '0') + this.low.toString(16).padStart(8, '0');
  }
}

/** A 32-bit FNV-1a of a string: for interning labels into the trace hash. */
export function hashText(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

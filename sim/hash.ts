// A running 64-bit hash over the executed events of a run, kept as two 32-bit lanes so it stays in
// integer arithmetic (Math.imul) and never depends on float formatting. Not cryptographic: it only has
// to make two runs that differ in any executed event disagree with overwhelming probability.

const TWO_POW_32 = 0x1_0000_0000;

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

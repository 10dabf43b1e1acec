// 32-bit hashing helpers for model states and the search cache. Pure integer arithmetic (Math.imul), so a
// hash is the same on every run and platform. Collisions are allowed: every cache hit is confirmed with
// an exact equality check, so a hash only has to be fast and well spread.

/** Murmur3's 32-bit finaliser: spreads the bits of an int32 across the whole word. */
export function mixHash(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-dependent combination of two hashes. */
export function combineHash(left: number, right: number): number {
  return mixHash((Math.imul(left, 31) + right) | 0);
}

/** FNV-1a over UTF-16 code units, finalised. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return mixHash(h);
}

/** Hash of a JSON number: int32 values directly, anything else through its decimal text. */
export function hashNumber(value: number): number {
  if ((value | 0) === value) return mixHash(value ^ 0x5bd1e995);
  return hashString(String(value));
}

// Small private byte arrays carved from shared slabs.
//
// Every simulated disk write keeps a copy of its bytes and every read hands back a copy; a frame is a
// few hundred bytes. A fresh `Uint8Array` of that size is backed by its own off-heap ArrayBuffer, which
// V8 allocates, accounts and later finalises one by one — that bookkeeping was most of the log store
// scenarios' garbage-collection time. A view into a shared slab costs one small on-heap object.
//
// The contract is unchanged: the bytes returned belong to the caller alone (nobody else holds a view of
// that range) and start zeroed. What differs: `bytes.buffer` is the slab, so code that wraps the array
// must pass `byteOffset` and `byteLength` (as every DataView in this project does). A slab lives as
// long as any view into it; pieces are kept small so a few long-lived ones pin little memory.
//
// Deterministic: allocation order never reaches a model's observable state.

const SLAB_BYTES = 32 * 1024;
/** Larger requests get an array of their own. */
const PIECE_BYTES_MAX = 2 * 1024;

let slab = new Uint8Array(SLAB_BYTES);
let used = 0;

/** A zeroed array of `length` bytes that only the caller holds. */
export function allocateBytes(length: number): Uint8Array {
  if (length > PIECE_BYTES_MAX) return new Uint8Array(length);
  if (used + length > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    used = 0;
  }
  const bytes = slab.subarray(used, used + length);
  used += (length + 7) & ~7; // keep pieces 8-byte aligned
  return bytes;
}

/** A private copy of `source[start, end)`. */
export function copyBytes(source: Uint8Array, start = 0, end = source.length): Uint8Array {
  const length = end - start;
  const bytes = allocateBytes(length);
  if (length > 64) bytes.set(source.subarray(start, end));
  else for (let index = 0; index < length; index++) bytes[index] = source[start + index] as number; // no view object for short copies
  return bytes;
}

/** Deterministic 32-bit hashing for generated values, synthetic ids and fault choice. */

/** Murmur3's 32-bit finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash a list of integers (each taken modulo 2^32) to an unsigned 32-bit integer. */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    const low = value % 0x100000000;
    const high = Math.floor(value / 0x100000000);
    h = fmix(h ^ (low >>> 0));
    h = fmix(h ^ (high >>> 0));
  }
  return h;
}

/** Hash a string (UTF-16 code units) to an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return fmix(h >>> 0);
}

/** Map a 32-bit hash to [0, 1). */
export function unit(hash: number): number {
  return hash / 0x100000000;
}

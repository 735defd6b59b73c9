/** Planning of bulk requests. Pure. */

/** Sort ids numerically and cut them into chunks of at most `size`. */
export function chunkIds(ids: number[], size: number): number[][] {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`Cannot chunk ids: chunk size "${size}" must be a positive integer`);
  }
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const chunks: number[][] = [];
  for (let i = 0; i < sorted.length; i += size) chunks.push(sorted.slice(i, i + size));
  return chunks;
}

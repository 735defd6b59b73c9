import assert from "node:assert/strict";
import { chunkIds } from "../../src/ingest/chunk_ids.ts";

Deno.test("chunkIds() sorts numerically, drops duplicates and cuts into chunks", () => {
  assert.deepEqual(chunkIds([100008, 7186, 6152, 7148, 6152, 10841], 2), [
    [6152, 7148],
    [7186, 10841],
    [100008],
  ]);
  assert.deepEqual(chunkIds([3, 1, 2], 100), [[1, 2, 3]]);
  assert.deepEqual(chunkIds([], 100), []);
});

Deno.test("chunkIds() rejects a chunk size below 1", () => {
  assert.throws(() => chunkIds([1], 0), {
    name: "RangeError",
    message: 'Cannot chunk ids: chunk size "0" must be a positive integer',
  });
});

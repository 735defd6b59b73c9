import assert from "node:assert/strict";
import { publishPartition } from "../../src/lake/publish_partition.ts";
import { MemoryStore } from "../_fakes.ts";
import { sha256Of } from "../_raw_day.ts";

const TARGET = { table: "aggregate_station_by_day", date: "2024-01-15" } as const;
const PREFIX = "clean/aggregate_station_by_day/date=2024-01-15/";
const SOURCE = { sourceManifestSha256: "a".repeat(64) };
const OLD = `${PREFIX}part-00000000000000aa.parquet`;

Deno.test("publishPartition() puts the Parquet, then _SUCCESS, and only then deletes the old Parquet", async () => {
  const store = new MemoryStore();
  store.objects.set(OLD, new Uint8Array([9]));
  store.objects.set(`${PREFIX}notes.txt`, new Uint8Array([9]));
  const { marker, deleted } = await publishPartition(store, TARGET, new Uint8Array([1]), {
    ...SOURCE,
    rows: 1,
  });
  const key = `${PREFIX}part-${(await sha256Of(new Uint8Array([1]))).slice(0, 16)}.parquet`;
  assert.equal(marker.files[0]!.key, key);
  assert.deepEqual(store.ops, [`put ${key}`, `put ${PREFIX}_SUCCESS`, `delete ${OLD}`]);
  assert.deepEqual(deleted, [OLD]);
  assert.deepEqual([...store.objects.keys()].sort(), [
    `${PREFIX}_SUCCESS`,
    `${PREFIX}notes.txt`,
    key,
  ]);
});

Deno.test("publishPartition() deletes nothing when the partition already holds the same bytes", async () => {
  const store = new MemoryStore();
  const first = await publishPartition(store, TARGET, new Uint8Array([1]), { ...SOURCE, rows: 1 });
  store.ops.length = 0;
  const again = await publishPartition(store, TARGET, new Uint8Array([1]), { ...SOURCE, rows: 1 });
  assert.deepEqual(again.deleted, []);
  assert.deepEqual(again.marker, first.marker);
  assert.deepEqual(store.ops, [`put ${first.marker.files[0]!.key}`, `put ${PREFIX}_SUCCESS`]);
});

Deno.test("publishPartition() counts the Parquet and _SUCCESS bytes it wrote", async () => {
  const store = new MemoryStore();
  const { bytesWritten } = await publishPartition(store, TARGET, new Uint8Array([1, 2, 3]), {
    ...SOURCE,
    rows: 3,
  });
  const success = store.objects.get(`${PREFIX}_SUCCESS`)!;
  assert.equal(bytesWritten, 3 + success.byteLength);
  assert.equal(new TextDecoder().decode(success).at(-1), "\n");
});

Deno.test("publishPartition() stores the Parquet file and _SUCCESS with their content types", async () => {
  const store = new MemoryStore();
  const { marker } = await publishPartition(store, TARGET, new Uint8Array([1]), {
    ...SOURCE,
    rows: 1,
  });
  assert.deepEqual(Object.fromEntries(store.contentTypes), {
    [marker.files[0]!.key]: "application/vnd.apache.parquet",
    [`${PREFIX}_SUCCESS`]: "application/json",
  });
});

/**
 * publishPartition() alone (no DuckDB), stopped before each of its puts and deletes in turn
 * over a partition holding the old file and a stale leftover: the independent lake reader
 * sees the old or the new partition, trusted through a `_SUCCESS` that lists one Parquet
 * file matching its sha256; a rerun from every stopped state leaves only the new file.
 */
import assert from "node:assert/strict";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { publishPartition } from "../../src/lake/publish_partition.ts";
import { crashPoints } from "../_crash_points.ts";
import { MemoryStore } from "../_fakes.ts";
import { checkLake } from "./_lake_checker.ts";

const TARGET = { table: "measurements_hourly", date: "2024-01-15" } as const;
const UNIT = "clean/measurements_hourly/2024-01-15";
const PREFIX = "clean/measurements_hourly/date=2024-01-15/";
const SOURCE = { sourceManifestSha256: "b".repeat(64) };
const NEW = new Uint8Array([2, 2, 2]);

async function state(store: MemoryStore): Promise<string> {
  const s = (await checkLake(store))[UNIT];
  if (s === undefined) return "absent";
  assert.notEqual(s.status, "corrupt", s.problem);
  return s.status === "trusted" ? s.fingerprint! : s.status;
}

Deno.test("publishPartition() stopped at every put and delete: the old partition, then the new one", async () => {
  const before = new MemoryStore();
  await publishPartition(before, TARGET, new Uint8Array([1]), {
    ...SOURCE,
    rows: 1,
  });
  before.objects.set(
    `${PREFIX}part-00000000000000ff.parquet`,
    new Uint8Array([9]),
  );
  const publish = (store: ObjectStore) =>
    publishPartition(store, TARGET, NEW, { ...SOURCE, rows: 3 });
  const points = await crashPoints(before, publish);
  const old = await state(before);
  const next = await state(points.at(-1)!.lake);
  assert.notEqual(old, next);
  assert.equal(next.split(",").length, 1);
  const seen = [];
  for (const { k, op, lake } of points) {
    const s = await state(lake);
    assert.ok(
      s === old || s === next,
      `stopped before operation ${k} (${op}): ${s}`,
    );
    seen.push(s === old ? "old" : "new");
  }
  assert.deepEqual(
    points.map((p) => p.op.replace(PREFIX, "").replace(/[0-9a-f]{16}/, "*")),
    [
      "put _staged/part-*.parquet",
      "put _SUCCESS",
      "delete part-*.parquet",
      "put part-0.parquet",
      "put _SUCCESS",
      "delete _staged/part-*.parquet",
      "none",
    ],
  );
  assert.deepEqual(seen, ["old", "old", "new", "new", "new", "new", "new"]);
  for (const { k, lake } of points) {
    await publish(lake);
    assert.equal(await state(lake), next, `rerun after operation ${k}`);
    const files = [...lake.objects.keys()].filter((key) => key.endsWith(".parquet"));
    assert.equal(
      files.length,
      1,
      `rerun after operation ${k}: ${files.join(", ")}`,
    );
  }
});

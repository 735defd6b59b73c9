import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { readPublishedPartition } from "../../src/load/published_partition.ts";
import { MemoryStore } from "../_fakes.ts";
import { aggRow, publishAggregate } from "./_partitions.ts";

const SUCCESS = "clean/aggregate_station_by_day/date=2024-03-31/_SUCCESS";
const HINT = 'run "deno task transform --date 2024-03-31" first';

async function published() {
  const store = new MemoryStore();
  const marker = await publishAggregate(store, "2024-03-31", [aggRow(1), aggRow(2)]);
  return { store, marker };
}

async function failure(store: MemoryStore): Promise<string> {
  const e = await readPublishedPartition(store, "2024-03-31").then(() => undefined, (e) => e);
  assert.ok(e instanceof LakeError, String(e));
  return e.message;
}

Deno.test("readPublishedPartition() returns the rows of a verified partition", async () => {
  const { store, marker } = await published();
  const p = await readPublishedPartition(store, "2024-03-31");
  assert.equal(p.rows.length, 2);
  assert.deepEqual(p.files, [marker.files[0]!.key]);
  assert.equal(p.rows[0]!.station_id, 1001n);
  assert.equal(p.rows[1]!.avg_value, 12.5);
  assert.equal(p.rows[0]!.is_valid, true);
  assert.equal(p.rows[0]!.latitude, 50.85);
});

Deno.test("readPublishedPartition() refuses a partition without _SUCCESS", async () => {
  assert.equal(
    await failure(new MemoryStore()),
    `Cannot load 2024-03-31: "${SUCCESS}" does not exist (partition not published); ${HINT}`,
  );
});

Deno.test("readPublishedPartition() refuses a file whose sha256 differs from _SUCCESS", async () => {
  const { store, marker } = await published();
  const key = marker.files[0]!.key;
  const bytes = store.objects.get(key)!;
  bytes[bytes.length - 10]! ^= 1;
  assert.match(
    await failure(store),
    new RegExp(
      `^Cannot load 2024-03-31: "${key}" has sha256 "[0-9a-f]{64}", _SUCCESS says "${
        marker.files[0]!.sha256
      }"; `,
    ),
  );
});

Deno.test("readPublishedPartition() refuses a missing file, a wrong date and wrong row counts", async () => {
  const { store, marker } = await published();
  const put = (m: unknown) => store.put(SUCCESS, new TextEncoder().encode(JSON.stringify(m)));
  const key = marker.files[0]!.key;

  await put({ ...marker, date: "2024-03-30" });
  assert.equal(
    await failure(store),
    `Cannot load 2024-03-31: "${SUCCESS}" is for table "aggregate_station_by_day" date "2024-03-30"; ${HINT}`,
  );
  await put({ ...marker, rows: 3 });
  assert.equal(
    await failure(store),
    `Cannot load 2024-03-31: its files have 2 rows, _SUCCESS says 3; ${HINT}`,
  );
  await put({ ...marker, files: [{ ...marker.files[0], rows: 5 }] });
  assert.equal(
    await failure(store),
    `Cannot load 2024-03-31: "${key}" has 2 rows, _SUCCESS says 5; ${HINT}`,
  );
  await put({ ...marker, files: [{ ...marker.files[0], key: "clean/other/x.parquet" }] });
  assert.equal(
    await failure(store),
    `Cannot load 2024-03-31: "${SUCCESS}" lists "clean/other/x.parquet" outside clean/aggregate_station_by_day/date=2024-03-31/; ${HINT}`,
  );
  await put(marker);
  await store.delete(key);
  assert.equal(
    await failure(store),
    `Cannot load 2024-03-31: "${key}" listed in _SUCCESS does not exist; ${HINT}`,
  );
  await store.put(SUCCESS, new TextEncoder().encode("{"));
  assert.match(
    await failure(store),
    /^Cannot load 2024-03-31: Cannot read ".*_SUCCESS": not JSON: /,
  );
});

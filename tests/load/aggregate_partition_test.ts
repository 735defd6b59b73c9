import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { readAggregatePartition } from "../../src/load/aggregate_partition.ts";
import { MemoryStore } from "../_fakes.ts";
import { aggRow, publishAggregate } from "../support/partitions.ts";

const PREFIX = "clean/aggregate_station_by_day/date=2024-03-31/";
const SUCCESS = `${PREFIX}_SUCCESS`;
const RERUN = 'rerun "deno task transform --date 2024-03-31 --lake memory://"';

async function published() {
  const store = new MemoryStore();
  const marker = await publishAggregate(store, "2024-03-31", [aggRow(1), aggRow(2)]);
  return { store, marker };
}

async function failure(store: MemoryStore): Promise<string> {
  const e = await readAggregatePartition(store, "2024-03-31").then(() => undefined, (e) => e);
  assert.ok(e instanceof LakeError, String(e));
  return e.message;
}

Deno.test("readAggregatePartition() returns the decoded rows of a verified partition", async () => {
  const { store, marker } = await published();
  const p = await readAggregatePartition(store, "2024-03-31");
  assert.equal(p.rows.length, 2);
  assert.deepEqual(p.files, [marker.files[0]!.key]);
  assert.equal(p.rows[0]!.station_id, 1001n);
  assert.equal(p.rows[1]!.avg_value, 12.5);
  assert.equal(p.rows[0]!.is_valid, true);
  assert.equal(p.rows[0]!.latitude, 50.85);
  assert.equal(p.rows[0]!.uom, "µg/m³");
});

Deno.test("readAggregatePartition() refuses a partition without _SUCCESS", async () => {
  assert.equal(
    await failure(new MemoryStore()),
    `Cannot read partition "${PREFIX}" in memory://: no _SUCCESS (not transformed yet, or a ` +
      'transform is in progress): run "deno task transform --date 2024-03-31 --lake memory://"',
  );
});

Deno.test("readAggregatePartition() refuses a file whose sha256 differs from _SUCCESS", async () => {
  const { store, marker } = await published();
  const key = marker.files[0]!.key;
  const bytes = store.objects.get(key)!;
  bytes[bytes.length - 10]! ^= 1;
  const message = await failure(store);
  assert.ok(
    message.startsWith(`Cannot read partition "${PREFIX}": "${key}" has sha256 "`),
    message,
  );
  assert.ok(message.endsWith(`but _SUCCESS says "${marker.files[0]!.sha256}": ${RERUN}`), message);
});

Deno.test("readAggregatePartition() refuses row counts that differ from _SUCCESS", async () => {
  const { store, marker } = await published();
  const put = (m: unknown) => store.put(SUCCESS, new TextEncoder().encode(JSON.stringify(m)));
  const key = marker.files[0]!.key;
  await put({ ...marker, rows: 3 });
  assert.equal(
    await failure(store),
    `Cannot load 2024-03-31: its files have 2 rows, _SUCCESS says 3: ${RERUN}`,
  );
  await put({ ...marker, files: [{ ...marker.files[0], rows: 5 }] });
  assert.equal(
    await failure(store),
    `Cannot load 2024-03-31: "${key}" has 2 rows, _SUCCESS says 5: ${RERUN}`,
  );
});

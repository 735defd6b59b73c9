import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { publishPartition } from "../../src/lake/publish_partition.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { MemoryStore } from "../_fakes.ts";
import { sha256Of } from "../_raw_day.ts";

const TARGET = { table: "aggregate_station_by_day", date: "2024-01-15" } as const;
const PREFIX = "clean/aggregate_station_by_day/date=2024-01-15/";
const SELECTION = { phenomena: [5, 8], near: null };
const SOURCE = { sourceManifestSha256: "a".repeat(64), selection: SELECTION };

Deno.test("readPublishedPartition() returns the verified bytes _SUCCESS lists", async () => {
  const store = new MemoryStore();
  const bytes = new Uint8Array([1, 2, 3]);
  const published = await publishPartition(store, TARGET, bytes, { ...SOURCE, rows: 3 });
  const part = await readPublishedPartition(store, TARGET.table, TARGET.date);
  const sha = await sha256Of(bytes);
  assert.deepEqual(part, {
    marker: published.marker,
    files: [{ key: `${PREFIX}part-0.parquet`, sha256: sha, rows: 3, bytes }],
  });
  assert.deepEqual(part.marker, {
    marker_version: 1,
    airq_version: "0.1.0",
    table: "aggregate_station_by_day",
    date: "2024-01-15",
    rows: 3,
    files: [{ key: part.files[0]!.key, sha256: sha, bytes: 3, rows: 3 }],
    source_manifest_sha256: SOURCE.sourceManifestSha256,
    selection: SELECTION,
  });
});

Deno.test("readPublishedPartition() refuses a partition without _SUCCESS", async () => {
  const store = new MemoryStore();
  store.objects.set(`${PREFIX}part-0000000000000000.parquet`, new Uint8Array([1]));
  await assert.rejects(
    readPublishedPartition(store, TARGET.table, TARGET.date),
    new LakeError(
      `Cannot read partition "${PREFIX}" in memory://: no _SUCCESS (not transformed yet, or a ` +
        'transform is in progress): run "deno task transform --date 2024-01-15 --lake memory://"',
    ),
  );
});

Deno.test("readPublishedPartition() refuses a listed file whose bytes changed", async () => {
  const store = new MemoryStore();
  const { marker } = await publishPartition(store, TARGET, new Uint8Array([1]), {
    ...SOURCE,
    rows: 1,
  });
  const key = marker.files[0]!.key;
  store.objects.set(key, new Uint8Array([2]));
  const sha = await sha256Of(new Uint8Array([2]));
  await assert.rejects(
    readPublishedPartition(store, TARGET.table, TARGET.date),
    new LakeError(
      `Cannot read partition "${PREFIX}": "${key}" has sha256 "${sha}" but _SUCCESS says ` +
        `"${
          marker.files[0]!.sha256
        }": rerun "deno task transform --date 2024-01-15 --lake memory://"`,
    ),
  );
});

Deno.test("readPublishedPartition() names the compliance task for a yearly partition", async () => {
  await assert.rejects(
    readPublishedPartition(new MemoryStore(), "compliance_station_by_year", "2024"),
    {
      name: "LakeError",
      message: 'Cannot read partition "clean/compliance_station_by_year/year=2024/" in ' +
        "memory://: no _SUCCESS (not built yet, or a build is in progress): run " +
        '"deno task compliance --year 2024 --force --lake memory://"',
    },
  );
});

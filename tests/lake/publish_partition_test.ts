/**
 * publishPartition() against both kinds of readers, checked after EVERY store operation (a
 * crash can stop a publish after any of them): airq's reader (through `_SUCCESS`) trusts the
 * previous or the new partition, and a plain glob of `date=D/*.parquet` sees exactly one file,
 * whose bytes are the previous or the new ones; for daily and yearly partitions alike.
 */
import assert from "node:assert/strict";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { type PublishOptions, publishPartition } from "../../src/lake/publish_partition.ts";
import type { CleanTable } from "../../src/lake/layout.ts";
import { MemoryStore } from "../_fakes.ts";
import { sha256Of } from "../_raw_day.ts";

const TARGET = { table: "measurements_hourly", date: "2024-03-31" } as const;
const PREFIX = "clean/measurements_hourly/date=2024-03-31/";
const OPTIONS = {
  rows: 1,
  sourceManifestSha256: "a".repeat(64),
  selection: { phenomena: [5], near: null },
};

/** A store that snapshots its objects after every put and delete. */
class RecordingStore extends MemoryStore {
  readonly states: { op: string; objects: Map<string, Uint8Array> }[] = [];
  override async put(key: string, body: Uint8Array): Promise<void> {
    await super.put(key, body);
    this.states.push({ op: `put ${key}`, objects: new Map(this.objects) });
  }
  override async delete(key: string): Promise<void> {
    await super.delete(key);
    this.states.push({ op: `delete ${key}`, objects: new Map(this.objects) });
  }
}

type Target = { table: CleanTable; date: string };

/** The files a glob of `<partition>/*.parquet` matches: direct children only. */
function globbed(objects: Map<string, Uint8Array>, prefix = PREFIX): Uint8Array[] {
  return [...objects.keys()].filter((k) =>
    k.startsWith(prefix) && !k.slice(prefix.length).includes("/") && k.endsWith(".parquet")
  ).map((k) => objects.get(k)!);
}

async function airqSees(objects: Map<string, Uint8Array>, target: Target = TARGET) {
  const store = new MemoryStore();
  for (const [k, v] of objects) store.objects.set(k, v);
  try {
    const p = await readPublishedPartition(store, target.table, target.date);
    return String(p.files[0]!.bytes[0]);
  } catch {
    return "refused";
  }
}

/** Publish `next` over a store holding `setup`; check both readers after every operation. */
async function checkEveryStep(
  setup: (store: MemoryStore) => Promise<void>,
  next: Uint8Array,
  allowed: { airq: string[]; glob: number[] },
  at: { target: Target; prefix: string; options: PublishOptions } = {
    target: TARGET,
    prefix: PREFIX,
    options: OPTIONS,
  },
): Promise<RecordingStore> {
  const store = new RecordingStore();
  await setup(store);
  store.states.length = 0;
  await publishPartition(store, at.target, next, at.options);
  for (const { op, objects } of store.states) {
    const files = globbed(objects, at.prefix);
    assert.equal(files.length, 1, `after ${op}: the glob sees ${files.length} files`);
    assert.ok(allowed.glob.includes(files[0]![0]!), `after ${op}: the glob sees ${files[0]}`);
    const airq = await airqSees(objects, at.target);
    assert.ok(allowed.airq.includes(airq), `after ${op}: airq sees ${airq}`);
  }
  return store;
}

Deno.test("publishPartition() replaces a partition: old or new for both readers after every step", async () => {
  const store = await checkEveryStep(
    async (s) => void await publishPartition(s, TARGET, new Uint8Array([1]), OPTIONS),
    new Uint8Array([2]),
    { airq: ["1", "2"], glob: [1, 2] },
  );
  assert.deepEqual(store.states.map((s) => s.op.replace(/part-[0-9a-f]{16}/, "part-<sha16>")), [
    `put ${PREFIX}_staged/part-<sha16>.parquet`,
    `put ${PREFIX}_SUCCESS`,
    `put ${PREFIX}part-0.parquet`,
    `put ${PREFIX}_SUCCESS`,
    `delete ${PREFIX}_staged/part-<sha16>.parquet`,
  ]);
  assert.deepEqual([...store.objects.keys()].sort(), [
    `${PREFIX}_SUCCESS`,
    `${PREFIX}part-0.parquet`,
  ]);
  assert.equal(await airqSees(store.objects), "2");
});

Deno.test("publishPartition() writes nothing when the partition is unchanged", async () => {
  const store = await checkEveryStep(
    async (s) => void await publishPartition(s, TARGET, new Uint8Array([1]), OPTIONS),
    new Uint8Array([1]),
    { airq: ["1"], glob: [1] },
  );
  assert.deepEqual(store.states, []);
});

Deno.test("publishPartition() finishes a publish cut after _SUCCESS pointed at the staged copy", async () => {
  const first = new RecordingStore();
  await publishPartition(first, TARGET, new Uint8Array([1]), OPTIONS);
  first.states.length = 0;
  await publishPartition(first, TARGET, new Uint8Array([2]), OPTIONS);
  const cut = first.states[1]!.objects; // after `_SUCCESS` → staged copy
  const store = await checkEveryStep(
    (s) => Promise.resolve(cut.forEach((v, k) => s.objects.set(k, v))),
    new Uint8Array([2]),
    { airq: ["2"], glob: [1, 2] },
  );
  assert.deepEqual([...store.objects.keys()].sort(), [
    `${PREFIX}_SUCCESS`,
    `${PREFIX}part-0.parquet`,
  ]);
});

Deno.test("publishPartition() moves a content-named partition to the fixed name, never two files", async () => {
  const store = new RecordingStore();
  const old = `${PREFIX}part-00000000000000aa.parquet`;
  store.objects.set(old, new Uint8Array([1]));
  const sha = "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"; // of [1]
  const marker = {
    marker_version: 1,
    airq_version: "0",
    table: TARGET.table,
    date: TARGET.date,
    rows: 1,
    files: [{ key: old, sha256: sha, bytes: 1, rows: 1 }],
    source_manifest_sha256: "b".repeat(64),
  };
  store.objects.set(`${PREFIX}_SUCCESS`, new TextEncoder().encode(JSON.stringify(marker)));
  store.objects.set(`${PREFIX}notes.txt`, new Uint8Array([9]));
  assert.equal(await airqSees(store.objects), "1");
  await publishPartition(store, TARGET, new Uint8Array([2]), OPTIONS);
  for (const { op, objects } of store.states) {
    assert.ok(globbed(objects).length <= 1, `after ${op}`);
    assert.ok(["1", "2"].includes(await airqSees(objects)), `after ${op}`);
  }
  assert.deepEqual([...store.objects.keys()].sort(), [
    `${PREFIX}_SUCCESS`,
    `${PREFIX}notes.txt`,
    `${PREFIX}part-0.parquet`,
  ]);
});

Deno.test("publishPartition() replaces a yearly partition the same way and records its sources", async () => {
  const target = { table: "compliance_station_by_year", date: "2024" } as const;
  const prefix = "clean/compliance_station_by_year/year=2024/";
  const sources = [{ key: `${PREFIX}_SUCCESS`, sha256: "c".repeat(64) }];
  const options = { rows: 1, sourceManifestSha256: "d".repeat(64), sources };
  const at = { target, prefix, options };
  const store = await checkEveryStep(
    async (s) => void await publishPartition(s, target, new Uint8Array([1]), options),
    new Uint8Array([2]),
    { airq: ["1", "2"], glob: [1, 2] },
    at,
  );
  assert.deepEqual(store.states.map((s) => s.op.replace(/part-[0-9a-f]{16}/, "part-<sha16>")), [
    `put ${prefix}_staged/part-<sha16>.parquet`,
    `put ${prefix}_SUCCESS`,
    `put ${prefix}part-0.parquet`,
    `put ${prefix}_SUCCESS`,
    `delete ${prefix}_staged/part-<sha16>.parquet`,
  ]);
  const marker = JSON.parse(new TextDecoder().decode(store.objects.get(`${prefix}_SUCCESS`)));
  assert.deepEqual([marker.date, marker.files[0].key, marker.sources], [
    "2024",
    `${prefix}part-0.parquet`,
    sources,
  ]);
  assert.equal("selection" in marker, false, "a derived table has sources, not one selection");
});

Deno.test("publishPartition() puts the fixed file, then _SUCCESS, then deletes an old Parquet file", async () => {
  const store = new MemoryStore();
  const old = `${PREFIX}part-00000000000000aa.parquet`;
  store.objects.set(old, new Uint8Array([9]));
  store.objects.set(`${PREFIX}notes.txt`, new Uint8Array([9]));
  const { marker, deleted } = await publishPartition(store, TARGET, new Uint8Array([1]), OPTIONS);
  const key = `${PREFIX}part-0.parquet`;
  assert.deepEqual(marker.files[0], {
    key,
    sha256: await sha256Of(new Uint8Array([1])),
    bytes: 1,
    rows: 1,
  });
  assert.deepEqual(marker.selection, OPTIONS.selection);
  assert.deepEqual(store.ops, [`put ${key}`, `put ${PREFIX}_SUCCESS`, `delete ${old}`]);
  assert.deepEqual(deleted, [old]);
});

Deno.test("publishPartition() counts the bytes it wrote, the staged copy included", async () => {
  const store = new MemoryStore();
  const first = await publishPartition(store, TARGET, new Uint8Array([1, 2, 3]), OPTIONS);
  const success = store.objects.get(`${PREFIX}_SUCCESS`)!;
  assert.equal(first.bytesWritten, 3 + success.byteLength);
  assert.equal(new TextDecoder().decode(success).at(-1), "\n");
  const next = await publishPartition(store, TARGET, new Uint8Array([4, 5, 6]), OPTIONS);
  const staged = `${PREFIX}_staged/part-${
    (await sha256Of(new Uint8Array([4, 5, 6]))).slice(0, 16)
  }.parquet`;
  const final = store.objects.get(`${PREFIX}_SUCCESS`)!.byteLength;
  const stagedMarker = final + staged.length - `${PREFIX}part-0.parquet`.length;
  assert.equal(next.bytesWritten, 3 + stagedMarker + 3 + final);
});

Deno.test("publishPartition() stores the Parquet files and _SUCCESS with their content types", async () => {
  const store = new MemoryStore();
  await publishPartition(store, TARGET, new Uint8Array([1]), OPTIONS);
  await publishPartition(store, TARGET, new Uint8Array([2]), OPTIONS);
  const staged = `${PREFIX}_staged/part-${
    (await sha256Of(new Uint8Array([2]))).slice(0, 16)
  }.parquet`;
  assert.deepEqual(Object.fromEntries(store.contentTypes), {
    [`${PREFIX}part-0.parquet`]: "application/vnd.apache.parquet",
    [staged]: "application/vnd.apache.parquet",
    [`${PREFIX}_SUCCESS`]: "application/json",
  });
});

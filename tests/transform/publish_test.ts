/**
 * publishPartition() against both kinds of readers, checked after EVERY store operation (a
 * crash can stop a publish after any of them): airq's reader (through `_SUCCESS`) trusts the
 * previous or the new partition, and a plain glob of `date=D/*.parquet` sees exactly one file,
 * whose bytes are the previous or the new ones.
 */
import assert from "node:assert/strict";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { publishPartition } from "../../src/transform/publish.ts";
import { MemoryStore } from "../_fakes.ts";

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

/** The files a glob of `<partition>/*.parquet` matches: direct children only. */
function globbed(objects: Map<string, Uint8Array>): Uint8Array[] {
  return [...objects.keys()].filter((k) =>
    k.startsWith(PREFIX) && !k.slice(PREFIX.length).includes("/") && k.endsWith(".parquet")
  ).map((k) => objects.get(k)!);
}

async function airqSees(objects: Map<string, Uint8Array>): Promise<string> {
  const store = new MemoryStore();
  for (const [k, v] of objects) store.objects.set(k, v);
  try {
    const p = await readPublishedPartition(store, TARGET.table, TARGET.date);
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
): Promise<RecordingStore> {
  const store = new RecordingStore();
  await setup(store);
  store.states.length = 0;
  await publishPartition(store, TARGET, next, OPTIONS);
  for (const { op, objects } of store.states) {
    const files = globbed(objects);
    assert.equal(files.length, 1, `after ${op}: the glob sees ${files.length} files`);
    assert.ok(allowed.glob.includes(files[0]![0]!), `after ${op}: the glob sees ${files[0]}`);
    const airq = await airqSees(objects);
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

import assert from "node:assert/strict";
import { fetchDay } from "../../src/ingest/fetch_day.ts";
import { writeDay, type WriteDayOptions } from "../../src/ingest/write_day.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { parseManifest } from "../../src/lake/raw_manifest.ts";
import { MemoryStore } from "../_fakes.ts";
import { fakeApi, SMALL_NETWORK } from "./_fake_api.ts";

const API = "http://api.test/sos/api/v1/";
const DAY = "raw/irceline/date=2024-11-20/";

/** The store's puts and deletes, keys relative to the day folder. */
function dayOps(store: MemoryStore): string[] {
  return store.ops.map((op) => op.replace(DAY, ""));
}

async function fetched(bump = 0, unknown: number[] = [], chunkSize = 10) {
  const fake = fakeApi({ series: SMALL_NETWORK, bump, unknown });
  return await fetchDay("2024-11-20", {
    apiUrl: API,
    timezone: "Europe/Brussels",
    phenomena: [5, 8],
    near: null,
    concurrency: 1,
    chunkSize,
    client: createIrcelineClient({ fetch: fake.fetch, retries: 0 }),
  });
}

const OPTIONS: WriteDayOptions = {
  apiUrl: API,
  near: null,
  phenomena: [5, 8],
  concurrency: 2,
  run: () => ({ started_at: "s", finished_at: "f", requests: 4, retries: 0 }),
};

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("writeDay() writes the answers byte for byte, then the manifest last", async () => {
  const store = new MemoryStore();
  const day = await fetched();
  const result = await writeDay(store, day, OPTIONS);
  assert.deepEqual(dayOps(store), [
    "put stations.json",
    "put timeseries/phenomenon=5.json",
    "put timeseries/phenomenon=8.json",
    "put values/bulk_6152_7186.json",
    "put _manifest.json",
  ]);
  assert.deepEqual([result.written, result.unchanged, result.deleted, result.invalidated], [
    4,
    0,
    0,
    false,
  ]);
  const manifest = parseManifest(
    new TextDecoder().decode(store.objects.get(`${DAY}_manifest.json`)),
    "m",
  );
  for (const f of manifest.files) {
    const bytes = store.objects.get(DAY + f.path)!;
    assert.equal(f.sha256, await sha256(bytes));
    assert.equal(f.bytes, bytes.byteLength);
  }
  assert.deepEqual(store.objects.get(`${DAY}values/bulk_6152_7186.json`), day.files[3]!.body);
  assert.deepEqual(manifest.files[3]!.request, {
    method: "POST",
    url: `${API}timeseries/getData`,
    body:
      '{"timespan":"2024-11-20T00:00:00+01:00/2024-11-21T00:00:00+01:00","timeseries":["6152","7148","7150","7186"]}',
  });
  assert.deepEqual(manifest.phenomena_found, { "5": 3, "8": 1 });
  assert.deepEqual(manifest.run, { started_at: "s", finished_at: "f", requests: 4, retries: 0 });
});

Deno.test("writeDay() keeps the previous manifest byte-identical when every answer is unchanged", async () => {
  const store = new MemoryStore();
  await writeDay(store, await fetched(), OPTIONS);
  const before = await store.get(`${DAY}_manifest.json`);
  store.ops.length = 0;
  const later = () => ({ started_at: "s2", finished_at: "f2", requests: 5, retries: 1 });
  const result = await writeDay(store, await fetched(), { ...OPTIONS, run: later });
  assert.deepEqual(dayOps(store), []);
  assert.deepEqual([result.written, result.unchanged, result.manifestKept], [0, 4, true]);
  assert.deepEqual(await store.get(`${DAY}_manifest.json`), before);
});

Deno.test("writeDay() rewrites only the manifest when the answers are unchanged but the request differs", async () => {
  const store = new MemoryStore();
  await writeDay(store, await fetched(), OPTIONS);
  store.ops.length = 0;
  const result = await writeDay(store, await fetched(), { ...OPTIONS, phenomena: [5, 8, 71] });
  assert.deepEqual(dayOps(store), ["put _manifest.json"]);
  assert.deepEqual([result.written, result.manifestKept], [0, false]);
});

Deno.test("writeDay() deletes the old manifest before overwriting changed data", async () => {
  const store = new MemoryStore();
  await writeDay(store, await fetched(), OPTIONS);
  store.ops.length = 0;
  const result = await writeDay(store, await fetched(1), OPTIONS);
  assert.deepEqual(dayOps(store), [
    "delete _manifest.json",
    "put values/bulk_6152_7186.json",
    "put _manifest.json",
  ]);
  assert.equal(result.invalidated, true);
});

Deno.test("writeDay() keeps the old manifest while it writes files that manifest does not list", async () => {
  const store = new MemoryStore();
  await writeDay(store, await fetched(), OPTIONS);
  store.ops.length = 0;
  // Smaller chunks: new values file names, same bytes for every file the old manifest lists.
  const result = await writeDay(store, await fetched(0, [], 2), { ...OPTIONS, concurrency: 1 });
  assert.deepEqual(dayOps(store), [
    "put values/bulk_6152_7148.json",
    "put values/bulk_7150_7186.json",
    "put _manifest.json",
    "delete values/bulk_6152_7186.json",
  ]);
  assert.deepEqual([result.written, result.invalidated], [2, false]);
});

Deno.test("writeDay() deletes day files that the new manifest no longer lists", async () => {
  const store = new MemoryStore();
  await store.put(`${DAY}values/bulk_1_2.json`, new Uint8Array([1]));
  await store.put(`${DAY}_notes.txt`, new Uint8Array([1]));
  store.ops.length = 0;
  const result = await writeDay(store, await fetched(), OPTIONS);
  assert.equal(dayOps(store).at(-2), "put _manifest.json");
  assert.equal(dayOps(store).at(-1), "delete values/bulk_1_2.json");
  assert.equal(result.deleted, 1);
  assert.ok(store.objects.has(`${DAY}_notes.txt`));
});

Deno.test("writeDay() refuses a day with errors or missing series, each alone", async () => {
  const store = new MemoryStore();
  const day = await fetched();
  for (const incomplete of [{ ...day, errors: ["x"] }, { ...day, missing: [7150] }]) {
    await assert.rejects(writeDay(store, incomplete, OPTIONS), {
      name: "TypeError",
      message: "Cannot write 2024-11-20: the day is incomplete",
    });
  }
  assert.deepEqual(dayOps(store), []);
});

Deno.test("writeDay() rewrites a file whose old bytes are a prefix of the new answer", async () => {
  const store = new MemoryStore();
  const day = await fetched();
  await writeDay(store, day, OPTIONS);
  const bulk = day.files[3]!;
  store.objects.set(bulk.key, bulk.body.slice(0, -1));
  store.ops.length = 0;
  const result = await writeDay(store, day, OPTIONS);
  assert.deepEqual(dayOps(store), [
    "delete _manifest.json",
    "put values/bulk_6152_7186.json",
    "put _manifest.json",
  ]);
  assert.deepEqual(store.objects.get(bulk.key), bulk.body);
  assert.equal(result.written, 1);
});

Deno.test("writeDay() replaces an unreadable manifest, whether the files changed or not", async () => {
  for (const bump of [0, 1]) {
    const store = new MemoryStore();
    await writeDay(store, await fetched(), OPTIONS);
    store.objects.set(`${DAY}_manifest.json`, new TextEncoder().encode("{"));
    store.ops.length = 0;
    const result = await writeDay(store, await fetched(bump), OPTIONS);
    assert.equal(result.manifestKept, false);
    assert.equal(dayOps(store).at(-1), "put _manifest.json");
    const manifest = new TextDecoder().decode(store.objects.get(`${DAY}_manifest.json`));
    assert.deepEqual(parseManifest(manifest, "m").files.length, 4);
  }
});

Deno.test("writeDay() reports the invalidated manifest as a warning event", async () => {
  const store = new MemoryStore();
  await writeDay(store, await fetched(), OPTIONS);
  const events: unknown[] = [];
  const log = (...args: unknown[]) => events.push(args);
  await writeDay(store, await fetched(1), { ...OPTIONS, log });
  assert.deepEqual(events, [["manifest_invalidated", { date: "2024-11-20", changed: 1 }, "warn"]]);
});

Deno.test("writeDay() stores every raw file and the manifest as JSON", async () => {
  const store = new MemoryStore();
  await writeDay(store, await fetched(), OPTIONS);
  assert.equal(store.contentTypes.size, 5);
  assert.ok([...store.contentTypes.values()].every((t) => t === "application/json"));
});

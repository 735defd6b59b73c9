import assert from "node:assert/strict";
import { incompleteReason, NO_MANIFEST } from "../../src/ingest/complete_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { windowStamps, writeRawDay } from "../_raw_day.ts";

const DATE = "2024-11-20";
const ASK = { timezone: "Europe/Brussels", phenomena: [5, 8], near: null };

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const values = windowStamps(DATE).slice(1).map((t): [number, number] => [t, 1]);
  await writeRawDay(store, {
    date: DATE,
    series: [
      { id: 1, station: 2, phenomenon: 5, values },
      { id: 3, station: 2, phenomenon: 8, values },
    ],
  });
  return store;
}

Deno.test("incompleteReason() is undefined for a complete day asked the same way", async () => {
  assert.equal(await incompleteReason(await seeded(), DATE, ASK), undefined);
  assert.equal(
    await incompleteReason(await seeded(), DATE, { ...ASK, phenomena: [8, 5] }),
    undefined,
  );
});

Deno.test("incompleteReason() names why a day must be ingested again", async () => {
  const store = await seeded();
  assert.equal(await incompleteReason(new MemoryStore(), DATE, ASK), NO_MANIFEST);
  assert.equal(
    await incompleteReason(store, DATE, { ...ASK, phenomena: [5, 8, 71] }),
    "ingested for phenomena 5,8",
  );
  assert.equal(
    await incompleteReason(store, DATE, { ...ASK, timezone: "UTC" }),
    'ingested for "Europe/Brussels"',
  );
  assert.equal(
    await incompleteReason(store, DATE, { ...ASK, near: { lon: 4.4, lat: 51.2, km: 10 } }),
    "ingested with --near none",
  );
  const key = [...store.objects.keys()].find((k) => k.includes("/values/"))!;
  await store.put(key, new TextEncoder().encode("{}"), { contentType: "application/json" });
  assert.equal(
    await incompleteReason(store, DATE, ASK),
    `"${key.slice("raw/irceline/date=2024-11-20/".length)}" differs from _manifest.json`,
  );
  await store.delete(key);
  assert.match((await incompleteReason(store, DATE, ASK))!, /^"values\/.*" is missing$/);
  await store.put("raw/irceline/date=2024-11-20/_manifest.json", new TextEncoder().encode("{"), {
    contentType: "application/json",
  });
  assert.match((await incompleteReason(store, DATE, ASK))!, /^Cannot read manifest .*: not JSON/);
});

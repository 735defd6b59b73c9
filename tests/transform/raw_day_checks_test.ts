/**
 * readRawDay()'s manifest checks, one refusal each: no or unreadable manifest, another
 * date or window, bytes that are not UTF-8, a size that differs under a matching sha256,
 * series pointing to the wrong file or missing from it; and what it counts when all is well.
 */
import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { readRawDay } from "../../src/transform/raw_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { sha256Of, windowStamps, writeRawDay } from "../_raw_day.ts";
import { DATE, editManifest, PREFIX, rawDay, replaceRaw } from "./_raw_day_store.ts";

const TZ = "Europe/Brussels";
const read = (store: MemoryStore) => readRawDay(store, DATE, { timezone: TZ });

Deno.test("readRawDay() refuses a day without _manifest.json and says to ingest it", async () => {
  const store = await rawDay();
  store.objects.delete(`${PREFIX}_manifest.json`);
  await assert.rejects(
    read(store),
    new LakeError(
      `Cannot transform 2024-01-15: "${PREFIX}" in memory:// has no _manifest.json (never ` +
        'ingested, or the ingest did not finish): run "deno task ingest --date 2024-01-15 --lake memory://" first',
    ),
  );
});

Deno.test("readRawDay() refuses an unreadable manifest, with the parse error as cause", async () => {
  for (
    const bytes of [
      new TextEncoder().encode("{"),
      new Uint8Array([0x7b, 0xff, 0x7d]),
    ]
  ) {
    const store = await rawDay();
    store.objects.set(`${PREFIX}_manifest.json`, bytes);
    const error = await read(store).catch((e) => e);
    assert.ok(error instanceof LakeError);
    assert.match(
      error.message,
      /^Cannot transform 2024-01-15: Cannot read (manifest|raw file) "raw\/irceline\/date=2024-01-15\/_manifest\.json": .+: re-ingest 2024-01-15 \("deno task ingest --date 2024-01-15 --lake memory:\/\/" replaces an unreadable manifest\)$/,
    );
    assert.ok(error.cause instanceof SyntaxError);
  }
});

Deno.test("readRawDay() refuses a raw file that is not UTF-8, even with a matching sha256", async () => {
  const store = await rawDay();
  await replaceRaw(
    store,
    "values/series_7.json",
    new Uint8Array([0x7b, 0xff, 0x7d]),
    true,
  );
  await assert.rejects(
    read(store),
    new SyntaxError(
      `Cannot read raw file "${PREFIX}values/series_7.json": not UTF-8`,
    ),
  );
});

Deno.test("readRawDay() refuses a file whose size differs from the manifest, sha256 matching", async () => {
  const store = await rawDay();
  editManifest(store, (m) => (m.files[0].bytes += 1));
  await assert.rejects(read(store), (e: Error) => {
    assert.ok(e instanceof LakeError);
    assert.match(
      e.message,
      /raw file ".*stations\.json" has sha256 .* it was edited after ingest/,
    );
    return true;
  });
});

Deno.test("readRawDay() refuses a file of the same size whose bytes changed", async () => {
  const store = await rawDay();
  const key = `${PREFIX}values/series_7.json`;
  const bytes = store.objects.get(key)!;
  const edited = bytes.slice();
  edited[edited.length - 2] = edited[edited.length - 2] === 0x5d ? 0x20 : 0x5d;
  await replaceRaw(store, "values/series_7.json", edited, false);
  await assert.rejects(read(store), (e: Error) => {
    assert.ok(e instanceof LakeError);
    assert.match(
      e.message,
      /raw file ".*series_7\.json" has sha256 .* it was edited after ingest/,
    );
    return true;
  });
});

Deno.test("readRawDay() refuses a manifest of another date, time zone or window", async () => {
  const edits: [(m: Record<string, Record<string, number>>) => void, RegExp][] = [
    [
      (m) => (m.date = "2024-01-16" as never),
      /^Cannot transform 2024-01-15: ".*" is for date "2024-01-16"$/,
    ],
    [
      (m) => (m.timezone = "Europe/Paris" as never),
      /^Cannot transform 2024-01-15 in time zone "Europe\/Brussels": the raw day was ingested for "Europe\/Paris"/,
    ],
    [
      (m) => (m.window!.start_ms! += 1),
      /^Cannot transform 2024-01-15 in time zone "Europe\/Brussels"/,
    ],
    [
      (m) => (m.window!.end_ms! -= 1),
      /^Cannot transform 2024-01-15 in time zone "Europe\/Brussels"/,
    ],
  ];
  for (const [edit, message] of edits) {
    const store = await rawDay();
    editManifest(store, edit);
    await assert.rejects(
      read(store),
      (e: Error) => e instanceof LakeError && message.test(e.message),
    );
  }
});

Deno.test("readRawDay() refuses a series pointing to a file that is not a values file of the manifest", async () => {
  for (const file of ["stations.json", "values/series_8.json"]) {
    const store = await rawDay();
    editManifest(
      store,
      (
        m,
      ) => (m.series.find((s: { timeseries_id: number }) => s.timeseries_id === 7).file = file),
    );
    await assert.rejects(
      read(store),
      new SyntaxError(
        `Cannot read manifest "${PREFIX}_manifest.json": series 7 points to "${file}", which is ` +
          "not a values file of the manifest",
      ),
    );
  }
});

Deno.test("readRawDay() refuses a series missing from the values file it points to", async () => {
  const store = await rawDay();
  await replaceRaw(
    store,
    "values/bulk_6152_6152.json",
    '{"6153":{"values":[]}}',
    true,
  );
  await assert.rejects(
    read(store),
    new SyntaxError(
      `Cannot read raw file "${PREFIX}values/bulk_6152_6152.json": field "$["6152"]" is missing`,
    ),
  );
});

Deno.test("readRawDay() names the raw file of a malformed station listing", async () => {
  const store = await rawDay();
  await replaceRaw(store, "stations.json", '{"not":"a list"}', true);
  await assert.rejects(read(store), (e: Error) => {
    assert.ok(e instanceof SyntaxError);
    assert.ok(e.message.includes(`"${PREFIX}stations.json"`), e.message);
    return true;
  });
});

Deno.test("readRawDay() counts the bytes read and hashes the manifest it trusted", async () => {
  const store = await rawDay();
  const day = await read(store);
  let total = 0;
  for (const [key, body] of store.objects) {
    if (key.startsWith(PREFIX)) total += body.byteLength;
  }
  assert.equal(day.bytesRead, total);
  assert.equal(
    day.manifestSha256,
    await sha256Of(store.objects.get(`${PREFIX}_manifest.json`)!),
  );
});

Deno.test("readRawDay() sorts series by station, phenomenon, then series id", async () => {
  const store = new MemoryStore();
  const t = windowStamps(DATE)[1]!;
  const one = (id: number, station: number, phenomenon: number) => ({
    id,
    station,
    phenomenon,
    values: [[t, id]] as [number, number][],
  });
  await writeRawDay(store, {
    date: DATE,
    series: [
      one(30, 2, 5),
      one(20, 1, 8),
      one(11, 1, 5),
      one(12, 1, 5),
      one(10, 1, 5),
      one(40, 1, 1),
    ],
  });
  // The manifest lists them by id; put the three of station 1, phenomenon 5 out of order.
  editManifest(store, (m) => {
    const byId = (id: number) =>
      m.series.find((s: { timeseries_id: number }) => s.timeseries_id === id);
    m.series = [byId(12), byId(30), byId(11), byId(20), byId(10), byId(40)];
  });
  const day = await read(store);
  assert.deepEqual(day.series.map((s) => s.timeseries_id), [
    40,
    10,
    11,
    12,
    20,
    30,
  ]);
  assert.deepEqual(day.values.get(11)!.map((v) => v.number), [11]);
});

Deno.test("readRawDay() reads at most 8 raw files at once", async () => {
  const store = new MemoryStore();
  const t = windowStamps(DATE)[1]!;
  await writeRawDay(store, {
    date: DATE,
    series: Array.from({ length: 12 }, (_, i) => ({
      id: 100 + i,
      station: 1,
      phenomenon: 5,
      values: [[t, i]] as [number, number][],
      file: "series" as const,
    })),
  });
  let inFlight = 0;
  let most = 0;
  const slow: MemoryStore = Object.create(store);
  slow.get = async (key: string) => {
    most = Math.max(most, ++inFlight);
    await new Promise((r) => setTimeout(r, 2));
    inFlight--;
    return await store.get(key);
  };
  const day = await read(slow);
  assert.equal(day.manifest.files.length, 14);
  assert.equal(most, 8);
});

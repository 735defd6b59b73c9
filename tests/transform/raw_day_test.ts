import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { readRawDay } from "../../src/transform/raw_day.ts";
import { sha256Of } from "../_raw_day.ts";
import { DATE, PREFIX, rawDay, replaceRaw } from "./_raw_day_store.ts";

const TZ = "Europe/Brussels";
Deno.test("readRawDay() joins manifest series with station metadata, units and values", async () => {
  const day = await readRawDay(await rawDay(), DATE, { timezone: TZ });
  assert.deepEqual(day.series, [
    {
      station_id: 1030,
      station_label: "1030 - Station 1030",
      longitude: 4.4,
      latitude: 51.2,
      phenomenon_id: 5,
      phenomenon_label: "Particulate Matter < 10 µm",
      timeseries_id: 6152,
      uom: "µg/m³",
    },
    {
      station_id: 1030,
      station_label: "1030 - Station 1030",
      longitude: 4.4,
      latitude: 51.2,
      phenomenon_id: 8,
      phenomenon_label: "Nitrogen dioxide",
      timeseries_id: 7,
      uom: null,
    },
  ]);
  assert.deepEqual(day.values.get(7)!.map((v) => v.source), ["3"]);
  assert.deepEqual(day.values.get(6152)!.map((v) => v.number), [1, 2]);
  assert.equal(day.window.hours, 24);
});

Deno.test("readRawDay() refuses a raw file edited after ingest and names it", async () => {
  const store = await rawDay();
  await replaceRaw(store, "values/series_7.json", '{"values":[]}', false);
  const sha = await sha256Of(new TextEncoder().encode('{"values":[]}'));
  await assert.rejects(
    readRawDay(store, DATE, { timezone: TZ }),
    (e: Error) => {
      assert.ok(e instanceof LakeError);
      assert.match(
        e.message,
        new RegExp(
          `^Cannot transform 2024-01-15: raw file "${PREFIX}values/series_7\\.json" has sha256 ` +
            `"${sha}" \\(13 bytes\\) but _manifest\\.json says "[0-9a-f]{64}" \\(\\d+ bytes\\); ` +
            "it was edited after ingest: re-ingest 2024-01-15$",
        ),
      );
      return true;
    },
  );
});

Deno.test("readRawDay() refuses a raw file listed in the manifest but missing", async () => {
  const store = await rawDay();
  store.objects.delete(`${PREFIX}stations.json`);
  await assert.rejects(
    readRawDay(store, DATE, { timezone: TZ }),
    new LakeError(
      `Cannot transform 2024-01-15: raw file "${PREFIX}stations.json" is listed in ` +
        "_manifest.json but missing: re-ingest 2024-01-15",
    ),
  );
});

Deno.test("readRawDay() names the file and field of a malformed value", async () => {
  const store = await rawDay();
  await replaceRaw(
    store,
    "values/series_7.json",
    '{"values":[{"timestamp":1,"value":2},{"timestamp":2,"value":"n/a"}]}',
    true,
  );
  await assert.rejects(
    readRawDay(store, DATE, { timezone: TZ }),
    new SyntaxError(
      `Cannot read raw file "${PREFIX}values/series_7.json": field "$.values[1].value" ` +
        'is not a number, null or "NaN"',
    ),
  );
});

Deno.test("readRawDay() names the file of a value file that is not JSON", async () => {
  const store = await rawDay();
  await replaceRaw(store, "values/bulk_6152_6152.json", '{"6152": {"values": [', true);
  await assert.rejects(readRawDay(store, DATE, { timezone: TZ }), (e: Error) => {
    assert.ok(e instanceof SyntaxError);
    assert.match(
      e.message,
      /^Cannot read raw file "raw\/irceline\/date=2024-01-15\/values\/bulk_6152_6152\.json": not JSON: /,
    );
    return true;
  });
});

Deno.test("readRawDay() refuses a day ingested in another time zone", async () => {
  await assert.rejects(
    readRawDay(await rawDay(), DATE, { timezone: "UTC" }),
    (e: Error) => {
      assert.ok(e instanceof LakeError);
      assert.match(
        e.message,
        /^Cannot transform 2024-01-15 in time zone "UTC": the raw day was ingested for "Europe\/Brussels" \(window 2024-01-15T00:00:00\+01:00\.\.2024-01-16T00:00:00\+01:00\): use --timezone Europe\/Brussels or re-ingest with --timezone UTC$/,
      );
      return true;
    },
  );
});

Deno.test("readRawDay() refuses a manifest series missing from stations.json", async () => {
  const store = await rawDay();
  await replaceRaw(store, "stations.json", "[]", true);
  await assert.rejects(
    readRawDay(store, DATE, { timezone: TZ }),
    new LakeError(
      "Cannot transform 2024-01-15: series 7 of _manifest.json is not in stations.json: " +
        "re-ingest 2024-01-15",
    ),
  );
});

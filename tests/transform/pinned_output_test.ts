/**
 * The clean Parquet bytes of two fixture-API days are pinned by sha256: the DST day
 * 2024-10-27 of the recorded fixture stations (null, "NaN", sentinels, negatives, gaps) and
 * 2024-11-20 of the 125-station synthetic network (14k hourly rows, several Arrow batches).
 * A change of the transform that alters a single byte of either table fails here.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../src/fixture_api/server.ts";
import { openDuckDb } from "../../src/duckdb.ts";
import { readIngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { transformDay } from "../../src/transform/transform_day.ts";
import { MemoryStore } from "../_fakes.ts";
import { sha256Of } from "../_raw_day.ts";

const ALL_PHENOMENA = "5,6001,8,71,1,38,7,391,6002,62101";

async function transformed(stations: "fixtures" | number, date: string, phenomena: string) {
  const server = await startFixtureServer({ stations });
  const store = new MemoryStore();
  try {
    const parsed = readIngestConfig(
      ["--date", date, "--phenomena", phenomena, "--api-url", server.url, "--lake", "file:///x"],
      {},
      { now: Temporal.Instant.from("2026-01-01T00:00:00Z"), cwd: "/" },
    );
    if (parsed.help) throw new Error("help");
    const { summary } = await ingestRange(parsed.config, {
      store,
      client: createIrcelineClient({}),
      log: () => {},
      now: () => Temporal.Now.instant(),
    });
    assert.equal(summary.ok, true);
  } finally {
    await server.close();
  }
  const day = await transformDay(store, date, { timezone: "Europe/Brussels", db: openDuckDb() });
  const sha = async (key: string) => await sha256Of(store.objects.get(key)!);
  return {
    rows: [day.hourly_rows, day.aggregate_rows],
    hourly: await sha(day.files[0]!),
    aggregate: await sha(day.files[1]!),
  };
}

Deno.test("transformDay() writes the pinned bytes of both tables for the fixture DST day", async () => {
  const out = await transformed("fixtures", "2024-10-27", "5,6001,8,71,1");
  assert.deepEqual(out, {
    rows: [422, 17],
    hourly: "02893c9c3f6fce9a13bc8d757b72e9818d2e5b3a70740a139cbd1fe37c2b4cc4",
    aggregate: "f204a703068b059970702579512857893937f86bd57bcf447d211cdbc6ea2c35",
  });
});

Deno.test("transformDay() writes the pinned bytes of both tables for a synthetic network day", async () => {
  const out = await transformed(125, "2024-11-20", ALL_PHENOMENA);
  assert.deepEqual(out, {
    rows: [14143, 596],
    hourly: "71b6053c99d6138d85e89e1ac3eec09da50f88173686eed68d93fc43cedfb782",
    aggregate: "951d750b0b611b827c7ab69610b0bf31fb38374323627825e7de1233732bc7d2",
  });
});

/**
 * The clean Parquet bytes of two fixture-API days are pinned by sha256: the DST day
 * 2024-10-27 of the recorded fixture stations (null, "NaN", sentinels, negatives, gaps) and
 * 2024-11-20 of the 125-station synthetic network (14k hourly rows, several Arrow batches).
 * A change of the transform that alters a single byte of either table fails here.
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
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
    hourly: "a0c26f9fb15ddd7319f5d7e5e15173bf4d9424a6fd0163fa4cf9cbbb43e61135",
    aggregate: "97e5111fb88a22d4025af195ac789bc3aca16e4ef8f8449dc6b5fb9fc84e86f7",
  });
});

Deno.test("transformDay() writes the pinned bytes of both tables for a synthetic network day", async () => {
  const out = await transformed(125, "2024-11-20", ALL_PHENOMENA);
  assert.deepEqual(out, {
    rows: [14143, 596],
    hourly: "2fd1b98bcbfa253ffd7049d7af28bdcc032ca055480e9c563438b2eee5113d07",
    aggregate: "5d5cd351cbd080c49925f1970258a32a5e301c1f4ec52bc284e51b48ebdef51e",
  });
});

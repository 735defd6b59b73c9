import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import {
  selectionConflictError,
  selectionConflicts,
} from "../../src/ingest/selection_conflicts.ts";
import { MemoryStore } from "../_fakes.ts";
import { writeRawDay } from "../_raw_day.ts";

const NEAR = { lon: 4.4, lat: 51.2, km: 10 };

Deno.test("selectionConflicts() lists the dates held with another selection, in any order of ids", async () => {
  const store = new MemoryStore();
  await writeRawDay(store, {
    date: "2024-11-19",
    series: [{ id: 1, station: 1, phenomenon: 8, values: [] }, {
      id: 2,
      station: 1,
      phenomenon: 5,
      values: [],
    }],
  });
  await writeRawDay(store, { date: "2024-11-20", series: [] });
  store.objects.set("raw/irceline/date=2024-11-21/_manifest.json", new TextEncoder().encode("{"));
  const dates = ["2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21"];
  assert.deepEqual(await selectionConflicts(store, dates, { phenomena: [8, 5], near: null }), [
    { date: "2024-11-20", recorded: { phenomena: [], near: null } },
  ]);
  const near = await selectionConflicts(store, dates, { phenomena: [5, 8], near: NEAR });
  assert.deepEqual(near.map((c) => c.date), ["2024-11-19", "2024-11-20"]);
});

Deno.test("selectionConflictError() names the date, both selections and --replace (exit 2)", () => {
  const e = selectionConflictError(
    [{ date: "2024-11-19", recorded: { phenomena: [1, 5, 8], near: null } }],
    { phenomena: [5], near: NEAR },
  );
  assert.ok(e instanceof ConfigError);
  assert.equal(
    e.message,
    "Invalid configuration: Cannot ingest 2024-11-19 with phenomena 5 near 4.4,51.2,10: the lake " +
      "holds it with phenomena 1,5,8 near every station; run again with that selection, or add " +
      "--replace to replace the day with phenomena 5 near 4.4,51.2,10",
  );
});

/**
 * Hostile data from the API: conflicting station metadata and values at the edges of a
 * double. Each runs the real tasks against a fake API that answers like IRCEL except for
 * the hostile part; the lake stays consistent and no day is wedged.
 */
import assert from "node:assert/strict";
import { openStore } from "../../src/lake/open_store.ts";
import { readParquet } from "../../src/parquet.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { type BadApiRequest, jsonAnswer, SEEDED_DATE, startBadApi } from "./_bad_api.ts";
import { runTask, withTempDir } from "./_task_run.ts";

type Override = (
  req: BadApiRequest,
  upstream: () => Promise<Response>,
) => Promise<Response | undefined>;

type Feature = {
  geometry: { coordinates: number[] };
  properties: { id: number; label: string; timeseries: Record<string, unknown> };
};

/** Ingest, then transform twice (the second a forced rerun), then report, in a fresh lake. */
async function pipeline(
  override: Override,
  check: (r: {
    runs: Record<string, Awaited<ReturnType<typeof runTask>>>;
    rows: Record<string, unknown>[];
  }) => void | Promise<void>,
): Promise<void> {
  const api = await startBadApi(override);
  try {
    await withTempDir(async (dir) => {
      const lake = `file://${dir}/lake`;
      const args = ["--date", SEEDED_DATE, "--lake", lake];
      const runs: Record<string, Awaited<ReturnType<typeof runTask>>> = {};
      runs.ingest = await runTask("ingest", [...args, "--api-url", api.url], { cwd: dir });
      runs.transform = await runTask("transform", args, { cwd: dir });
      runs.rerun = await runTask("transform", [...args, "--force"], { cwd: dir });
      runs.report = await runTask("report", args, { cwd: dir });
      for (const [name, run] of Object.entries(runs)) {
        assert.equal(run.code, 0, `${name}: ${run.stderr}`);
      }
      const store = await openStore(lake, { env: {}, cwd: dir });
      const part = await readPublishedPartition(store, "aggregate_station_by_day", SEEDED_DATE);
      await check({ runs, rows: (await readParquet(part.files[0]!.bytes)).rows });
    });
  } finally {
    await api.close();
  }
}

Deno.test("a station listed twice and a series claimed twice keep their first claim, with warnings", async () => {
  let stolen = "";
  let owner: Feature | undefined;
  let first: Feature | undefined;
  await pipeline(async (req, upstream) => {
    if (req.path !== "stations") return undefined;
    const list = await (await upstream()).json() as Feature[];
    first = list[0]!;
    owner = list[1]!;
    stolen = Object.keys(owner.properties.timeseries)[0]!;
    const phenomenon = (owner.properties.timeseries[stolen] as { phenomenon: { id: string } })
      .phenomenon.id;
    const other = phenomenon === "8" ? "5" : "8";
    // A later entry of the first station, with another label and place.
    const impostor = structuredClone(first);
    impostor.properties.label = "Impostor";
    impostor.geometry.coordinates = [9.9, 9.9];
    // A third station claiming the owner's series as another phenomenon.
    const thief = structuredClone(list[2]!);
    thief.properties.timeseries = {
      [stolen]: { phenomenon: { id: other, label: "Stolen" }, category: { id: other } },
    };
    return jsonAnswer([...list, impostor, thief]);
  }, ({ runs, rows }) => {
    const warnings = (run: Awaited<ReturnType<typeof runTask>>) =>
      JSON.stringify(run.events.filter((e) => e.level === "warn"));
    for (const name of ["ingest", "transform"]) {
      const w = warnings(runs[name]!);
      assert.match(w, new RegExp(`series ${stolen} is claimed by station ${owner!.properties.id}`));
      assert.match(w, new RegExp(`station ${first!.properties.id} is listed more than once`));
    }
    const row = rows.find((r) => r.timeseries_id === BigInt(stolen))!;
    assert.equal(row.station_id, BigInt(owner!.properties.id));
    assert.equal(row.station_label, owner!.properties.label);
    assert.equal(row.longitude, owner!.geometry.coordinates[0]);
    assert.notEqual(row.phenomenon_label, "Stolen");
    const firstRows = rows.filter((r) => r.station_id === BigInt(first!.properties.id));
    assert.ok(firstRows.length > 0);
    for (const r of firstRows) {
      assert.equal(r.station_label, first!.properties.label);
      assert.equal(r.longitude, first!.geometry.coordinates[0]);
    }
  });
});

/** Replace every value of the first series of each bulk answer by the JSON text `value(i)`. */
const onValues = (value: (i: number) => string): Override => async (req, upstream) => {
  if (req.method !== "POST") return undefined;
  const json = await (await upstream()).json() as Record<string, { values: unknown[] }>;
  const id = Object.keys(json).sort()[0]!;
  json[id]!.values.forEach((p, i) => ((p as { value: unknown }).value = `@@${value(i)}@@`));
  const text = JSON.stringify(json).replace(/"@@([^@]*)@@"/g, "$1");
  return new Response(text, { headers: { "content-type": "application/json" } });
};

Deno.test("a number beyond a double (1e400) is excluded, and the day transforms on every run", async () => {
  await pipeline(onValues((i) => (i === 5 ? "1e400" : "12.5")), ({ runs, rows }) => {
    const day = runs.transform!.events.find((e) => e.event === "day_done")!;
    assert.equal(day.status, "ok");
    assert.ok((day.sentinel_values as number) >= 1);
    assert.ok(rows.some((r) => r.avg_value === 12.5 && r.max_value === 12.5));
    assert.equal(runs.rerun!.events.find((e) => e.event === "day_done")!.status, "ok");
  });
});

Deno.test("24 values of 1.7e308 give a finite mean within [min, max] and a report", async () => {
  await pipeline(onValues(() => "1.7e308"), ({ rows }) => {
    const huge = rows.filter((r) => r.max_value === 1.7e308);
    assert.ok(huge.length >= 1);
    for (const r of huge) assert.equal(r.avg_value, 1.7e308);
    for (const r of rows) {
      const avg = r.avg_value as number;
      assert.ok(Number.isFinite(avg) && avg >= (r.min_value as number));
      assert.ok(avg <= (r.max_value as number));
    }
  });
});

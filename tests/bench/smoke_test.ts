/**
 * The bench's smoke run (`deno task bench --smoke`) as a subprocess, so the bench cannot rot:
 * it must finish, and airq, the reference PySpark job, native DuckDB and Polars must write
 * the same two clean tables for a DST day of the fixture stations (nulls, "NaN", sentinels,
 * negatives). No timing is asserted.
 */
import assert from "node:assert/strict";
import type { BenchResults } from "../../bench/report.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("bench --smoke runs every step and the four transforms agree", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-bench-smoke-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", `${ROOT}deno.json`, `${ROOT}bench/main.ts`, "--smoke"]
        .concat(["--out", dir]),
      cwd: dir,
      env: {
        NO_COLOR: "1",
        AIRQ_LAKE: "",
        AIRQ_API_URL: "",
        AIRQ_TIMEZONE: "",
        AIRQ_PHENOMENA: "",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const r = JSON.parse(await Deno.readTextFile(`${dir}/results.json`)) as BenchResults;
    assert.equal(r.mode, "smoke");

    // Ingest: the naive client makes one request per series plus discovery; airq fetched the
    // same values with fewer requests.
    assert.equal(r.ingest.naive.requests, r.ingest.naive.series + 1);
    assert.equal(r.ingest.naive.series, r.ingest.series);
    assert.equal(r.ingest.airq.values, r.ingest.naive.values);
    assert.ok(r.ingest.airq.requests < r.ingest.naive.requests);
    assert.equal(r.ingest.lower_bound_ms, 5 * Math.ceil(r.ingest.airq.requests / 4));

    // Range ingest: every day of the range, requests counted by the server.
    const range = r.ingest_range;
    assert.equal(range.days, 14);
    assert.equal(range.requests, 14 * r.ingest.airq.requests);
    assert.equal(range.lower_bound_ms, 5 * Math.ceil(range.requests / 4));
    assert.equal(r.ingest_range_vs_lower_bound, range.vs_lower_bound);

    // Transform: both tables, same rows and values (averages within 1e-9) in all four.
    const day = r.transform_day;
    assert.equal(day.agreement.agree, true, JSON.stringify(day.agreement));
    assert.ok(day.aggregate_rows > 0 && day.hourly_rows > day.aggregate_rows);
    const all = (n: number) => ({ airq: n, pyspark: n, duckdb: n, polars: n });
    assert.deepEqual(day.agreement.rows, {
      measurements_hourly: all(day.hourly_rows),
      aggregate_station_by_day: all(day.aggregate_rows),
    });
    assert.deepEqual(day.agreement.values, all(day.hourly_values));
    for (const table of ["measurements_hourly", "aggregate_station_by_day"]) {
      assert.deepEqual(Object.keys(day.agreement.checks[table]!).sort(), [
        "airq_vs_duckdb",
        "airq_vs_polars",
        "airq_vs_pyspark",
      ]);
    }
    assert.deepEqual(Object.keys(day.engines).sort(), ["airq", "duckdb", "polars", "pyspark"]);
    const airq = day.engines.airq!;
    assert.deepEqual(airq.wall_ms_spread, {
      min: airq.wall_ms,
      median: airq.wall_ms,
      max: airq.wall_ms,
    });
    assert.equal(r.transform_year, null);

    // The result keys are all there.
    assert.deepEqual(r.goals.map((g) => g.name), [
      "ingest_speedup_vs_naive",
      "ingest_vs_lower_bound",
      "ingest_range_vs_lower_bound",
      "transform_day_speedup_vs_pyspark",
      "transform_year_speedup_vs_pyspark",
      "transform_year_speedup_vs_duckdb",
      "transform_year_speedup_vs_polars",
      "transform_year_peak_rss_mib",
      "year_page_mib",
      "year_page_render_ms",
      "cold_start_ms",
    ]);
    for (const key of ["ingest_speedup_vs_naive", "ingest_vs_lower_bound", "cold_start_ms"]) {
      assert.equal(typeof r[key as keyof BenchResults], "number", key);
    }
    for (const key of ["transform_year_speedup_vs_duckdb", "transform_year_speedup_vs_polars"]) {
      assert.equal(r[key as keyof BenchResults], null, key);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

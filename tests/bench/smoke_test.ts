/**
 * The bench's smoke run (`deno task bench --smoke`) as a subprocess, so the bench cannot rot:
 * it must finish, and airq, the PySpark job and native DuckDB must agree on the daily
 * aggregates of a DST day of the fixture stations (nulls, "NaN", sentinels, negatives).
 * No timing is asserted.
 */
import assert from "node:assert/strict";
import type { BenchResults } from "../../bench/report.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("bench --smoke runs every step and the three transforms agree", async () => {
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

    // Transform: same rows, counts and averages (within 1e-9) in all three.
    const day = r.transform_day;
    assert.equal(day.agreement.agree, true, JSON.stringify(day.agreement));
    assert.ok(day.aggregate_rows > 0);
    assert.deepEqual(day.agreement.rows, {
      airq: day.aggregate_rows,
      duckdb: day.aggregate_rows,
      pyspark: day.aggregate_rows,
    });
    assert.deepEqual(day.agreement.values, {
      airq: day.hourly_values,
      duckdb: day.hourly_values,
      pyspark: day.hourly_values,
    });
    assert.deepEqual(Object.keys(day.engines).sort(), ["airq", "duckdb", "pyspark"]);
    assert.equal(r.transform_year, null);

    // The result keys of every benchmark goal are all there.
    assert.deepEqual(r.goals.map((g) => g.name), [
      "ingest_speedup_vs_naive",
      "ingest_vs_lower_bound",
      "transform_day_speedup_vs_pyspark",
      "transform_year_speedup_vs_pyspark",
      "transform_year_ratio_vs_native_duckdb",
      "transform_year_peak_rss_mib",
      "year_page_mib",
      "year_page_render_ms",
      "cold_start_ms",
    ]);
    for (const key of ["ingest_speedup_vs_naive", "ingest_vs_lower_bound", "cold_start_ms"]) {
      assert.equal(typeof r[key as keyof BenchResults], "number", key);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

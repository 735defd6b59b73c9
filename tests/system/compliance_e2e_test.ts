/**
 * End to end: fixture API over real HTTP → `deno task ingest` → `transform` → `compliance`
 * → `report --year` (real subprocesses through the launcher) for January 2024 into a
 * file:// lake. The compliance table is checked against counts computed here from the
 * hourly partitions alone (daily means, exceedances, means, capture and status by this
 * file's own arithmetic); the year page is checked in headless Chromium.
 */
import assert from "node:assert/strict";
import type { BrowserContext } from "playwright-core";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { STANDARDS } from "../../src/compliance/standards.ts";
import { openStore } from "../../src/lake/open_store.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { readParquet } from "../../src/parquet.ts";
import { dateRange } from "../../src/time/day_window.ts";
import { launch, open } from "./_chromium.ts";
import { denoTask as task } from "./_task_run.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const DAYS = dateRange("2024-01-01", "2024-01-31");

/** What this test computes per series from measurements_hourly. */
interface Expected {
  station: number;
  phenomenon: number;
  validHours: number;
  sum: number;
  hourly: number[];
  dailyMeans: number[];
}

async function rowsOf(store: ObjectStore, table: "measurements_hourly", date: string) {
  const part = await readPublishedPartition(store, table, date);
  return (await readParquet(part.files[0]!.bytes)).rows;
}

/** Per series: its valid hourly values and its valid daily means (18 of 24 hours). */
async function expectedSeries(store: ObjectStore): Promise<Map<string, Expected>> {
  const out = new Map<string, Expected>();
  for (const date of DAYS) {
    const byDay = new Map<string, number[]>();
    for (const r of await rowsOf(store, "measurements_hourly", date)) {
      const id = String(r.timeseries_id);
      const e = out.get(id) ?? {
        station: Number(r.station_id),
        phenomenon: Number(r.phenomenon_id),
        validHours: 0,
        sum: 0,
        hourly: [],
        dailyMeans: [],
      };
      out.set(id, e);
      if (r.value === null) continue;
      const v = r.value as number;
      e.validHours++;
      e.sum += v;
      e.hourly.push(v);
      byDay.set(id, [...byDay.get(id) ?? [], v]);
    }
    for (const [id, values] of byDay) {
      if (values.length >= 18) {
        out.get(id)!.dailyMeans.push(values.reduce((a, b) => a + b, 0) / values.length);
      }
    }
  }
  return out;
}

Deno.test("compliance of a month from the fixture API matches the hourly data and renders", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-compliance-e2e-" });
  const lake = `file://${dir}/lake`;
  const api = await startFixtureServer({ port: 0 });
  let context: BrowserContext | undefined;
  try {
    const range = ["--date", DAYS[0]!, "--to", DAYS.at(-1)!, "--lake", lake];
    const ingest = await task("ingest", [...range, "--api-url", api.url]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const transform = await task("transform", range);
    assert.equal(transform.code, 0, transform.stderr);
    const compliance = await task("compliance", ["--year", "2024", "--lake", lake]);
    assert.equal(compliance.code, 0, compliance.stderr);
    const again = await task("compliance", ["--year", "2024", "--lake", lake]);
    assert.match(again.stderr, /"result":"skipped"/);

    const store = await openStore(lake, { env: {}, cwd: ROOT });
    const expected = await expectedSeries(store);
    const part = await readPublishedPartition(store, "compliance_station_by_year", "2024");
    const rows = (await readParquet(part.files[0]!.bytes)).rows;
    const covered = [...expected.entries()].filter(([, e]) =>
      STANDARDS.some((s) => s.phenomenonId === e.phenomenon)
    );
    assert.ok(covered.length >= 4, `series with standards: ${covered.length}`);
    let exceeded = 0;
    for (const [id, e] of covered) {
      for (const s of STANDARDS.filter((x) => x.phenomenonId === e.phenomenon)) {
        const row = rows.find((r) =>
          String(r.timeseries_id) === id && r.standard === s.standard &&
          r.averaging_period === s.averaging
        );
        assert.ok(row, `no row for series ${id} ${s.standard} ${s.averaging}`);
        const values = s.averaging === "hour" ? e.hourly : e.dailyMeans;
        const count = s.allowed === null ? null : values.filter((v) => v > s.threshold).length;
        const mean = e.validHours === 0 ? null : e.sum / e.validHours;
        const status = count !== null && count > s.allowed!
          ? "exceeded"
          : e.validHours / 744 < 0.75
          ? "insufficient_data"
          : "open";
        const what = `series ${id} ${s.standard} ${s.averaging}`;
        assert.equal(row.exceedances, count, what);
        assert.equal(row.valid_hours, e.validHours, what);
        assert.equal(row.valid_days, e.dailyMeans.length, what);
        assert.equal(row.hours_elapsed, 744, what);
        assert.equal(row.last_date, "2024-01-31", what);
        assert.equal(row.year_complete, false, what);
        assert.equal(row.status, status, what);
        if (mean === null) assert.equal(row.annual_mean, null, what);
        else assert.ok(Math.abs((row.annual_mean as number) - mean) < 1e-9, what);
        if (status === "exceeded") exceeded++;
      }
    }
    assert.equal(
      rows.length,
      covered.reduce(
        (n, [, e]) => n + STANDARDS.filter((s) => s.phenomenonId === e.phenomenon).length,
        0,
      ),
    );
    assert.ok(exceeded > 0, "the fixture month must break at least one limit");

    const page = await task("report", ["--year", "2024", "--lake", lake]);
    assert.equal(page.code, 0, page.stderr);
    assert.equal(page.stdout, `file://${dir}/lake/reports/year=2024/index.html`);
    const day = await task("report", ["--date", "2024-01-31", "--lake", lake]);
    assert.equal(day.code, 0, day.stderr);

    context = await launch(dir);
    const y = await open(context, page.stdout);
    const phenomena = new Set(covered.map(([, e]) => e.phenomenon));
    assert.equal(await y.page.locator("section[data-phenomenon-id]").count(), phenomena.size);
    assert.equal(await y.page.locator("td.st-exceeded").count(), exceeded);
    assert.ok(await y.page.locator("#fail2030").isVisible());
    assert.ok(await y.page.getByText("so far (1 January to 2024-01-31)").first().isVisible());
    await y.page.screenshot({ path: `${dir}/report-year.png`, fullPage: true });
    assert.deepEqual(y.requests, [page.stdout]);

    const d = await open(context, day.stdout);
    const href = await d.page.locator(".year-link a").getAttribute("href");
    assert.equal(new URL(href!, day.stdout).href, page.stdout);
  } finally {
    await context?.close();
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});

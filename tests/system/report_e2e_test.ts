/**
 * End to end: fixture API over real HTTP → `deno task ingest` → `deno task transform` →
 * `deno task report` (real subprocesses) into a file:// lake, then the page rendered in
 * headless Chromium (Debian chromium + npm playwright-core): charts and highlighted
 * stations in the DOM, no network request, hostile labels inert, screenshots saved.
 */
import assert from "node:assert/strict";
import type { BrowserContext } from "playwright-core";
import { launch, open } from "./_chromium.ts";
import { denoTask as task } from "./_task_run.ts";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { readParquet } from "../../src/parquet.ts";
import { buildReport } from "../../src/report/build_report.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { rawManifestKey } from "../../src/lake/layout.ts";
import { MemoryStore } from "../_fakes.ts";
import { startVersitygw } from "../_versitygw.ts";
import { HOSTILE_LABEL, publishAggregates, sampleRows } from "../support/aggregates.ts";

/** The few browser globals used inside page.evaluate() (the test is type-checked without DOM lib). */
interface BrowserGlobals {
  document: { scripts: { length: number } };
  getComputedStyle(element: unknown): { fill: string };
}

const ROOT = new URL("../../", import.meta.url).pathname;
const WHO: Record<string, number> = { "6001": 15, "5": 45, "8": 25, "1": 40 };

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

async function manifest(lake: string, date: string): Promise<{ api_url: string }> {
  const store = await openStore(lake, { env: {}, cwd: ROOT });
  return JSON.parse(new TextDecoder().decode(await store.get(rawManifestKey(date))));
}

async function aggregates(lake: string, date: string): Promise<Record<string, unknown>[]> {
  const store = await openStore(lake, { env: {}, cwd: ROOT });
  const part = await readPublishedPartition(store, "aggregate_station_by_day", date);
  return (await readParquet(part.files[0]!.bytes)).rows;
}

Deno.test("deno task report renders the day and range pages of the fixture API in Chromium", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-report-e2e-" });
  const lake = `file://${dir}/lake`;
  const api = await startFixtureServer({ port: 0 });
  let context: BrowserContext | undefined;
  try {
    const range = ["--date", "2024-11-19", "--to", "2024-11-21", "--lake", lake];
    const ingest = await task("ingest", [...range, "--api-url", api.url]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const transform = await task("transform", range);
    assert.equal(transform.code, 0, transform.stderr);
    const day = await task("report", ["--date", "2024-11-20", "--lake", lake]);
    assert.equal(day.code, 0, day.stderr);
    assert.equal(day.stdout, `file://${dir}/lake/reports/date=2024-11-20/index.html`);
    const span = await task("report", range);
    assert.equal(span.code, 0, span.stderr);
    assert.equal(span.stdout, `file://${dir}/lake/reports/range=2024-11-19_2024-11-21/index.html`);

    const rows = await aggregates(lake, "2024-11-20");
    const phenomena = [...new Set(rows.map((r) => String(r.phenomenon_id)))];
    const over = rows.filter((r) =>
      (r.avg_value as number) > (WHO[String(r.phenomenon_id)] ?? Infinity)
    );
    assert.ok(over.length > 0, "the fixture day must have a station over a WHO level");

    context = await launch(dir);
    const d = await open(context, day.stdout);
    assert.equal(await d.page.locator("svg.bar-chart").count(), phenomena.length);
    assert.equal(await d.page.locator("svg.line-chart").count(), 0);
    assert.deepEqual(
      (await d.page.locator("g.bar.over").evaluateAll((gs) =>
        gs.map((g) => g.getAttribute("data-timeseries-id"))
      ))
        .sort(),
      over.map((r) => String(r.timeseries_id)).sort(),
    );
    const overFill = await d.page.locator("g.bar.over rect").first().evaluate((el) =>
      (globalThis as unknown as BrowserGlobals).getComputedStyle(el).fill
    );
    assert.equal(overFill, "rgb(200, 40, 62)");
    assert.ok(await d.page.locator("tr.over-station").first().isVisible());
    // The source line says what the raw manifests say: the fixture API, not IRCEL-CELINE's.
    const apiUrls = [
      ...new Set(
        await Promise.all(
          ["2024-11-19", "2024-11-20", "2024-11-21"].map(async (date) =>
            (await manifest(lake, date)).api_url
          ),
        ),
      ),
    ];
    assert.deepEqual(apiUrls, [api.url]);
    for (const p of [d.page]) {
      const source = p.locator("p.source");
      assert.equal(await source.getAttribute("data-api-urls"), apiUrls.join(" "));
      assert.match(
        await source.innerText(),
        new RegExp(`^Data from ${escapeRe(api.url)} \\(not IRCEL-CELINE's production API\\)\\.`),
      );
      assert.ok(await p.locator(".source-warning").isVisible());
      assert.match(await p.locator("h1").innerText(), /\(not from IRCEL-CELINE's production API\)/);
      assert.equal(await p.locator("footer").getByText("CC BY 4.0 IRCEL-CELINE").count(), 0);
    }
    // A cut label keeps its "(series N)" part, so two series of one station stay apart.
    const labels = await d.page.locator("g.bar").evaluateAll((gs) =>
      gs.map((
        g,
      ) => [g.getAttribute("data-timeseries-id"), g.querySelector("text.label")?.textContent])
    );
    const withSeries = labels.filter(([, text]) => text?.includes("(series"));
    for (const [id, text] of withSeries) assert.ok(text!.endsWith(`(series ${id})`), text!);
    await d.page.screenshot({ path: `${dir}/report-day.png`, fullPage: true });
    assert.deepEqual(d.requests, [day.stdout]);

    const r = await open(context, span.stdout);
    assert.equal(await r.page.locator("svg.line-chart").count(), phenomena.length);
    assert.equal(await r.page.locator("svg.line-chart g.series").count() > 0, true);
    assert.equal(await r.page.locator("svg.line-chart circle.point.over").count() > 0, true);
    // One colour per station across every chart of the page (and its legend entries).
    const strokes = await r.page.locator("svg.line-chart g.series, ul.legend li[data-station-id]")
      .evaluateAll((els) =>
        els.map((e) => [
          e.getAttribute("data-station-id"),
          e.getAttribute("data-color") ?? e.querySelector("path")?.getAttribute("stroke"),
        ])
      );
    const colours = new Map<string, Set<string>>();
    for (const [station, colour] of strokes) {
      colours.set(station!, (colours.get(station!) ?? new Set()).add(colour!));
    }
    assert.ok(colours.size > 1);
    for (const [station, set] of colours) {
      assert.equal(set.size, 1, `station ${station}: ${[...set]}`);
    }
    // The period summary: per series, the mean of its valid daily means over the three days.
    assert.ok(await r.page.locator("#period").isVisible());
    const all = (await Promise.all(
      ["2024-11-19", "2024-11-20", "2024-11-21"].map((date) => aggregates(lake, date)),
    )).flat();
    const no2 = all.filter((x) => x.phenomenon_id === 8);
    const ids = [...new Set(no2.map((x) => Number(x.timeseries_id)))];
    const table = r.page.locator('#period figure[data-phenomenon-id="8"]');
    assert.equal(await table.locator("tr[data-timeseries-id]").count(), ids.length);
    for (const id of ids.slice(0, 3)) {
      const valid = no2.filter((x) => Number(x.timeseries_id) === id && x.is_valid);
      const cells = await table.locator(`tr[data-timeseries-id="${id}"] td`).allTextContents();
      const mean = valid.reduce((s, x) => s + (x.avg_value as number), 0) / valid.length;
      assert.equal(cells[1], valid.length ? mean.toFixed(1) : "–", `series ${id}`);
      assert.equal(cells[3], String(valid.length));
      assert.equal(cells[4], `${Math.round((valid.length / 3) * 100)} %`);
    }
    await r.page.screenshot({ path: `${dir}/report-range.png`, fullPage: true });
    assert.deepEqual(r.requests, [span.stdout]);

    for (const png of ["report-day.png", "report-range.png"]) {
      const bytes = await Deno.readFile(`${dir}/${png}`);
      assert.deepEqual([...bytes.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    }
  } finally {
    await context?.close();
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the report page keeps hostile station labels inert in Chromium", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-report-hostile-" });
  let context: BrowserContext | undefined;
  try {
    const store = new MemoryStore();
    await publishAggregates(store, "2024-11-19", sampleRows("2024-11-19", 0));
    await publishAggregates(store, "2024-11-20", sampleRows("2024-11-20", 1));
    const built = await buildReport(store, {
      from: "2024-11-19",
      to: "2024-11-20",
      airqVersion: "0.1.0",
    });
    const path = `${dir}/index.html`;
    await Deno.writeFile(path, store.objects.get(built.key)!);
    context = await launch(dir);
    const { page, requests, dialogs } = await open(context, `file://${path}`);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.scripts.length),
      0,
    );
    assert.equal(await page.locator("img, iframe, object, embed").count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests, [`file://${path}`]);
    const shown = HOSTILE_LABEL.replaceAll("\u0007", "\ufffd").replaceAll("\u202e", "\ufffd");
    assert.equal(await page.locator("#stations td", { hasText: shown }).count(), 1);
    const invalid = page.locator("svg.bar-chart g.bar.invalid rect");
    assert.ok(await invalid.count() > 0);
    assert.match(
      await invalid.first().evaluate((el) =>
        (globalThis as unknown as BrowserGlobals).getComputedStyle(el).fill
      ),
      /^url\("#bars-2024-11-20-\d+-hatch-(ok|over)"\)$/,
    );
    await page.screenshot({ path: `${dir}/hostile.png`, fullPage: true });
  } finally {
    await context?.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task report exits 1 without published data and 2 on bad flags", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-report-cli-" });
  try {
    const missing = await task("report", ["--date", "2024-11-20", "--lake", `file://${dir}`]);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /"event":"failed","error":"LakeError","message":"Cannot build the report for \\"2024-11-20\\": no published aggregate_station_by_day partition in file:\/\/\/[^"]*: run \\"deno task transform --date 2024-11-20 --lake file:\/\/\/[^"\\]*\\" first"/,
    );
    const bad = await task("report", [
      "--date",
      "2024-11-20",
      "--to",
      "2024-11-01",
      "--lake",
      `file://${dir}`,
    ]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /"error":"ConfigError","message":"Invalid configuration: Invalid range: --to \\"2024-11-01\\" is before --date \\"2024-11-20\\""/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task report reads and writes an s3:// lake (versitygw)", async () => {
  const s3 = await startVersitygw();
  try {
    await s3.bucket("airq-report");
    const lake = "s3://airq-report/lake";
    const store = await openStore(lake, { env: s3.env, cwd: ROOT });
    await publishAggregates(store, "2024-11-20", sampleRows("2024-11-20"), "9".repeat(64));
    const out = await task("report", ["--date", "2024-11-20", "--lake", lake], s3.env);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, "s3://airq-report/lake/reports/date=2024-11-20/index.html");
    const html = new TextDecoder().decode(await store.get("reports/date=2024-11-20/index.html"));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, new RegExp(`<code>${"9".repeat(64)}</code>`));
    assert.equal(out.stderr.includes(s3.secretAccessKey), false);
  } finally {
    await s3.close();
  }
});

import assert from "node:assert/strict";
import { buildReportModel } from "../../../src/report/model/report_model.ts";
import type { ReportInput } from "../../../src/report/model/report_types.ts";
import { renderReportPage } from "../../../src/report/render/report_page.ts";
import { HOSTILE_LABEL, row, sampleRows } from "../../support/aggregates.ts";

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    from: "2024-11-20",
    to: "2024-11-20",
    airqVersion: "0.1.0",
    missingDates: [],
    days: [{
      date: "2024-11-20",
      rows: sampleRows("2024-11-20"),
      sourceManifestSha256: "f".repeat(64),
      rawManifestSha256: "f".repeat(64),
    }],
    ...overrides,
  };
}

Deno.test("renderReportPage() references no external resource and runs no script", () => {
  const html = renderReportPage(buildReportModel(input()));
  assert.equal(/<script|<link|<img|<iframe|<object|@import|url\((?!#)/i.test(html), false);
  // Attribute names only: quoted values are blanked first (escaped labels contain "src=" as
  // text; escapeHtml turns every quote into an entity, so no value can end early).
  // The one link is the relative link to the year's compliance page, a sibling page.
  const yearLink = '<a href="../year=2024/index.html">';
  assert.equal(html.split(yearLink).length, 2);
  const tags = html.replace(yearLink, "<a>").replace(/"[^"]*"/g, '""').match(/<[^>]*>/g)!
    .join("\n");
  assert.equal(/\s(src|href|xlink:href)=/i.test(tags), false);
  assert.equal(/\son[a-z]+=/i.test(tags), false);
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">/,
  );
});

Deno.test("renderReportPage() escapes a hostile station label everywhere it appears", () => {
  const html = renderReportPage(buildReportModel(input()));
  assert.equal(html.includes(HOSTILE_LABEL), false);
  assert.equal(html.includes('<script>alert("x")'), false);
  assert.equal(html.includes("\u0007"), false);
  assert.equal(html.includes("\u202e"), false);
  assert.match(
    html,
    /<td>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt; &quot;O&#39;Brien&quot; \ufffd\ufffd<\/td>/,
  );
});

Deno.test("renderReportPage() shows one bar chart per phenomenon of the day and no trend", () => {
  const html = renderReportPage(buildReportModel(input()));
  const phenomena = [
    ...html.matchAll(/<svg [^>]*class="chart bar-chart" data-phenomenon-id="(\d+)"/g),
  ].map((m) => m[1]);
  assert.deepEqual(phenomena, ["6001", "5", "8", "7"]);
  assert.equal(/<svg [^>]*line-chart/.test(html), false);
  assert.match(html, /<title>Air quality in Belgium, 2024-11-20 · airq<\/title>/);
});

Deno.test("renderReportPage() names the stations above the level in the caption", () => {
  const model = buildReportModel(input({
    days: [{
      date: "2024-11-20",
      sourceManifestSha256: "a",
      rows: [
        row({ station_id: 1, timeseries_id: 1, station_label: "Liège", avg_value: 18.46 }),
        row({ station_id: 2, timeseries_id: 2, station_label: "Gent", avg_value: 7 }),
      ],
    }],
  }));
  const html = renderReportPage(model);
  assert.match(html, /<span class="over-list">Above the level: Liège \(18.5\).<\/span>/);
  assert.match(html, /<tr class="over-station" data-station-id="1"><td>Liège<\/td>/);
  assert.match(html, /<tr data-station-id="2"><td>Gent<\/td>/);
});

Deno.test("renderReportPage() lists the stations with coordinates", () => {
  const html = renderReportPage(buildReportModel(input()));
  assert.match(
    html,
    /<td>45R502 - Liège<\/td><td class="num">1006<\/td><td class="num">50.61500<\/td><td class="num">5.57100<\/td><td>PM2.5, PM10, NO₂, O₃<\/td>/,
  );
});

const PRODUCTION = {
  apiUrl: "https://geo.irceline.be/sos/api/v1/",
  phenomenaRequested: [5, 6001, 8],
  near: null,
};

Deno.test("renderReportPage() takes title and source line from the raw manifests", () => {
  const day = input().days[0]!;
  const prod = renderReportPage(
    buildReportModel(input({ days: [{ ...day, source: PRODUCTION }] })),
  );
  assert.match(prod, /<h1>Air quality in Belgium, 2024-11-20<\/h1>/);
  assert.match(
    prod,
    /<p class="source" data-api-urls="https:\/\/geo.irceline.be\/sos\/api\/v1\/">Data from <code>https:\/\/geo.irceline.be\/sos\/api\/v1\/<\/code> \(IRCEL-CELINE's production API\)\. Selection: PM10, NO₂ and PM2\.5; every station\.<\/p>/,
  );
  assert.doesNotMatch(prod, /source-warning/);
  const fixture = renderReportPage(buildReportModel(input({
    days: [{
      ...day,
      source: {
        apiUrl: "http://127.0.0.1:8080/sos/api/v1/",
        phenomenaRequested: [8],
        near: { lon: 4.4, lat: 51.2, km: 10 },
      },
    }],
  })));
  assert.match(
    fixture,
    /<h1>Air quality at stations within 10 km of 51.2°N, 4.4°E \(not from IRCEL-CELINE&#39;s production API\), 2024-11-20<\/h1>/,
  );
  assert.match(
    fixture,
    /<div class="notice source-warning" role="note">This report was not made from IRCEL-CELINE's production API/,
  );
  assert.match(fixture, /Data: not from IRCEL-CELINE's production API/);
  assert.doesNotMatch(fixture, /licence CC BY/);
});

Deno.test("renderReportPage() footer gives version, source, licence and manifest sha256", () => {
  const day = input().days[0]!;
  const html = renderReportPage(
    buildReportModel(input({ days: [{ ...day, source: PRODUCTION }] })),
  );
  assert.match(html, /Generated by airq 0.1.0\./);
  assert.match(html, /licence CC BY 4.0 IRCEL-CELINE\./);
  assert.match(html, new RegExp(`<li>2024-11-20: <code>${"f".repeat(64)}</code></li>`));
});

Deno.test("renderReportPage() flags a raw manifest changed since the transform", () => {
  const html = renderReportPage(buildReportModel(input({
    days: [{
      date: "2024-11-20",
      rows: [row()],
      sourceManifestSha256: "a",
      rawManifestSha256: "b",
    }],
  })));
  assert.match(
    html,
    /<span class="mismatch">\(the raw manifest in the lake has changed since this day was transformed\)<\/span>/,
  );
});

Deno.test("renderReportPage() of a range has trend charts and notes missing dates", () => {
  const html = renderReportPage(buildReportModel(input({
    from: "2024-11-18",
    to: "2024-11-20",
    missingDates: ["2024-11-19"],
    days: [
      { date: "2024-11-18", rows: sampleRows("2024-11-18", 0), sourceManifestSha256: "a" },
      { date: "2024-11-20", rows: sampleRows("2024-11-20", 2), sourceManifestSha256: "b" },
    ],
  })));
  const trends = [
    ...html.matchAll(/<svg [^>]*class="chart line-chart" data-phenomenon-id="(\d+)"/g),
  ].map((m) => m[1]);
  assert.deepEqual(trends, ["6001", "5", "8", "7"]);
  assert.match(html, /<h2>Daily means on 2024-11-20<\/h2>/);
  assert.match(html, /No published data for 2024-11-19 \(run transform for that date\)/);
});

Deno.test("renderReportPage() says so when a published day holds no station", () => {
  const html = renderReportPage(buildReportModel(input({
    days: [{ date: "2024-11-20", rows: [], sourceManifestSha256: "a" }],
  })));
  assert.match(
    html,
    /<p class="notice" role="note">The partition of 2024-11-20 is published but holds no station with a valid value/,
  );
  assert.equal(/<svg [^>]*class="chart/.test(html), false);
  assert.match(
    html,
    /<div class="card"><span class="n">0<\/span><span class="l">stations<\/span><\/div>/,
  );
});

Deno.test("renderReportPage() of a range has the period summary; a day has none", () => {
  const days = ["2024-11-18", "2024-11-19", "2024-11-20"].map((date, i) => ({
    date,
    rows: sampleRows(date, i),
    sourceManifestSha256: "a",
  }));
  const range = renderReportPage(buildReportModel(input({ from: "2024-11-18", days })));
  assert.match(range, /<section id="period"><h2>Summary of the period<\/h2>/);
  assert.match(range, /<figure class="period-table" data-phenomenon-id="8">/);
  assert.match(range, /<th scope="col">Mean of valid daily means<\/th>/);
  assert.doesNotMatch(renderReportPage(buildReportModel(input())), /id="period"/);
});

import assert from "node:assert/strict";
import { buildYearModel } from "../../../src/report/model/year_model.ts";
import { renderYearPage } from "../../../src/report/render/year_page.ts";
import { HOSTILE_LABEL } from "../../support/aggregates.ts";
import { seriesRows } from "../../support/compliance_rows.ts";

function page(rows: ReturnType<typeof seriesRows>, year = 2024) {
  return renderYearPage(buildYearModel({ year, rows, airqVersion: "t", sourceSha256: "ab" }));
}

Deno.test("renderYearPage() is self-contained and escapes every label", () => {
  const html = page([
    ...seriesRows({ stationId: 7, stationLabel: HOSTILE_LABEL, phenomenonId: 5, timeseriesId: 71 }),
  ]);
  assert.equal(/<script|<link|<img|<iframe|<object|@import|url\((?!#)/i.test(html), false);
  const tags = html.replace(/"[^"]*"/g, '""').match(/<[^>]*>/g)!.join("\n");
  assert.equal(/\s(src|href|xlink:href|on[a-z]+)=/i.test(tags), false);
  assert.equal(html.includes('<script>alert("x")'), false);
  assert.equal(html.includes("\u202e"), false);
  assert.match(html, /<td>&lt;script&gt;alert\(&quot;x&quot;\)/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
});

Deno.test("renderYearPage() shows counts against the allowed count and statuses", () => {
  const html = page(seriesRows({
    stationId: 1,
    phenomenonId: 8,
    timeseriesId: 18,
    counts: { "eu_2008_50/hour": 19 },
    annualMean: 41,
  }));
  assert.match(html, /<td class="num st-exceeded" title="exceeded">19 \/ 18<\/td>/);
  assert.match(html, /EU today<span class="sub">hour &gt; 200 µg\/m³, 18 allowed<\/span>/);
  assert.match(html, /<td class="num">41\.0<\/td><td class="num st-exceeded">exceeded<\/td>/);
  assert.match(html, /NO₂ year &gt; 20 µg\/m³: mean 41\.0</);
});

Deno.test("renderYearPage() says so when the year is not over", () => {
  const html = page(
    seriesRows(
      { stationId: 1, phenomenonId: 5, timeseriesId: 11, capture: 0.5 },
      { year: 2025, lastDate: "2025-03-31", complete: false },
    ),
    2025,
  );
  assert.match(html, /so far \(1 January to 2025-03-31\)/);
  assert.match(html, /st-insufficient_data">too few data/);
  assert.match(html, /<td class="num">50 %<\/td>/);
});

Deno.test("renderYearPage() stays under 2 MB for 125 stations with PM10, PM2.5, NO2 and SO2", () => {
  const rows = [];
  for (let i = 0; i < 125; i++) {
    for (const [slot, ph] of [[0, 5], [1, 6001], [2, 8], [3, 1], [9, 5]] as const) {
      rows.push(...seriesRows({
        stationId: 5000 + i,
        stationLabel: `40R${String(i).padStart(3, "0")} - Station in a Belgian city ${i}`,
        phenomenonId: ph,
        timeseriesId: 200000 + 20 * i + slot,
        counts: { "eu_2008_50/day": i % 40, "who_2021/day": i, "eu_2030/hour": i % 5 },
        annualMean: 10 + (i % 30),
        capture: 0.7 + (i % 4) / 10,
      }));
    }
  }
  const bytes = new TextEncoder().encode(page(rows)).byteLength;
  assert.ok(bytes < 2 * 1024 * 1024, `${bytes} bytes`);
});

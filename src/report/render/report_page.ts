/**
 * Assembly of the self-contained report page: inline CSS and SVG, no script, no external
 * resource (a Content-Security-Policy forbids them), every lake value HTML-escaped. Pure.
 */
import { barChartSvg } from "./bar_chart.ts";
import { dayTableHtml, trendTableHtml } from "./data_tables.ts";
import { escapeHtml } from "../../text/escape.ts";
import { lineChartSvg, lineLegendHtml, MEDIAN_SERIES } from "./line_chart.ts";
import { card, pageHead } from "./page_parts.ts";
import type { DayChart, ReportModel, StationEntry, TrendChart } from "../model/report_types.ts";
import { heading } from "./heading.ts";
import { REPORT_DAILY_CSV } from "../../lake/layout.ts";
import { periodSectionHtml } from "./period_table.ts";
import { formatAgainst } from "./scale.ts";
import { sourceLineHtml, sourceNoticeHtml } from "./source_html.ts";

function dayFigure(chart: DayChart): string {
  const over = chart.bars.filter((b) => b.over);
  const invalid = chart.bars.filter((b) => !b.isValid).length;
  const caption = [
    chart.guideline
      ? `WHO 2021 daily guideline for ${
        escapeHtml(chart.guideline.pollutant)
      }: ${chart.guideline.level} µg/m³. ` +
        (over.length
          ? `<span class="over-list">Above the level: ${
            over.map((b) =>
              `${escapeHtml(b.label)} (${formatAgainst(b.avg, chart.guideline?.level)})`
            ).join(", ")
          }.</span>`
          : "No station above the level.")
      : "No WHO daily guideline for this phenomenon.",
    invalid ? ` ${invalid} series with an incomplete day (hatched).` : "",
  ].join("");
  return `<figure class="day-chart" data-phenomenon-id="${chart.phenomenonId}">${heading(chart)}` +
    `<figcaption>${caption}</figcaption><div class="chart-wrap">${barChartSvg(chart)}</div>${
      dayTableHtml(chart)
    }</figure>`;
}

function trendFigure(chart: TrendChart): string {
  const caption =
    (chart.guideline
      ? `Dashed line: WHO 2021 daily guideline (${chart.guideline.level} µg/m³). Red rings: days above it; hollow points: incomplete days; gaps: no data.`
      : "No WHO daily guideline for this phenomenon. Hollow points: incomplete days; gaps: no data.") +
    (chart.series.length >= MEDIAN_SERIES ? " Thick dark line: median of all stations." : "");
  return `<figure class="trend-chart" data-phenomenon-id="${chart.phenomenonId}">${
    heading(chart)
  }` +
    `<figcaption>${caption}</figcaption><div class="chart-wrap">${lineChartSvg(chart)}</div>${
      lineLegendHtml(chart)
    }${trendTableHtml(chart)}</figure>`;
}

function coordinate(v: number | null): string {
  return v === null || !Number.isFinite(v) ? "–" : v.toFixed(5);
}

function stationRow(s: StationEntry): string {
  return `<tr${s.overCount ? ` class="over-station"` : ""} data-station-id="${s.stationId}">` +
    `<td>${escapeHtml(s.label)}</td><td class="num">${s.stationId}</td>` +
    `<td class="num">${coordinate(s.latitude)}</td><td class="num">${
      coordinate(s.longitude)
    }</td>` +
    `<td>${s.phenomena.map(escapeHtml).join(", ")}</td><td class="num">${s.overCount}</td></tr>`;
}

const KEY = `<ul class="key" aria-label="How to read the bar charts">` +
  `<li><span class="sw ok"></span>daily mean at or below the WHO level</li>` +
  `<li><span class="sw over"></span>above the WHO level</li>` +
  `<li><span class="sw invalid"></span>incomplete day (fewer than 75 % of the hours)</li>` +
  `<li><span class="sw guide"></span>WHO 2021 daily guideline</li>` +
  `<li>whisker: lowest to highest hourly value</li></ul>`;

/** From this many stations on, a range report folds the bar charts of its last day. */
export const FOLD_DAY_STATIONS = 30;

/** The last day's charts of a range of many stations, folded so the page stays short. */
function foldDay(model: ReportModel, charts: string): string {
  if (!model.isRange || model.stations.length < FOLD_DAY_STATIONS) return charts;
  return `<details class="last-day"><summary>Show the bar charts of ${model.latest!.date} ` +
    `(${model.stations.length} stations)</summary>${charts}</details>`;
}

/** Render the whole report page (an HTML5 document). */
export function renderReportPage(model: ReportModel): string {
  const period = model.isRange ? `${model.from} to ${model.to}` : model.from;
  const tz = model.timezone ? `, local days in ${escapeHtml(model.timezone)}` : "";
  const p = model.provenance;
  const missing = model.missingDates.length
    ? `<div class="notice" role="note">No published data for ${
      model.missingDates.map(escapeHtml).join(", ")
    }` +
      ` (run transform for ${model.missingDates.length === 1 ? "that date" : "those dates"}).</div>`
    : "";
  const weekly = model.trends.some((t) => t.granularity === "week");
  const csv = `<a class="daily-csv" href="${REPORT_DAILY_CSV}">${REPORT_DAILY_CSV}</a>`;
  const trends = model.trends.length
    ? `<section id="trends"><h2>${weekly ? "Weekly" : "Daily"} means over time</h2>` +
      `<p class="lead">${
        weekly
          ? `Weekly mean per station, ${period}: the grey band holds the middle half of all ` +
            "series, the lines are the stations with the most days above the WHO level. " +
            `Every daily mean: ${csv}.`
          : `Daily mean per station, ${period} (also as ${csv}).`
      }</p>` +
      model.trends.map(trendFigure).join("") + `</section>`
    : "";
  const latest = model.latest
    ? `<section id="day"><h2>Daily means on ${model.latest.date}</h2>` +
      `<p class="lead">Mean of the hourly values per station and series, against the WHO 2021 daily guideline levels.</p>` +
      (model.latest.charts.length
        ? foldDay(model, KEY + model.latest.charts.map(dayFigure).join(""))
        : `<p class="notice" role="note">The partition of ${model.latest.date} is published but holds no ` +
          `station with a valid value (every series was empty, null or a sentinel that day).</p>`) +
      `</section>`
    : "";
  const manifests = p.manifests.map((m) =>
    `<li>${m.date}: <code>${escapeHtml(m.sha256)}</code>${
      m.rawMatches === false
        ? ` <span class="mismatch">(the raw manifest in the lake has changed since this day was transformed)</span>`
        : ""
    }</li>`
  ).join("");
  return `${
    pageHead(`${model.title}, ${period}`, { airqVersion: p.airqVersion })
  }<header class="top"><div class="inner"><p class="kicker">airq · daily air quality report</p>
<h1>${escapeHtml(model.title)}, ${period}</h1>
<p>Hourly measurements aggregated per station and day${tz}.</p>${
    sourceLineHtml(
      p.dataSource,
      new Map(
        [...model.trends, ...(model.latest?.charts ?? [])].map((c) => [c.phenomenonId, c.label]),
      ),
    )
  }
<p class="year-link"><a href="../year=${
    model.to.slice(0, 4)
  }/index.html">EU limit values and WHO ` +
    `guidelines in ${model.to.slice(0, 4)}</a></p></div></header>
<main>
${sourceNoticeHtml(p.dataSource)}
<div class="cards">${card(model.summary.stations, "stations")}${
      card(model.summary.series, "series")
    }${card(model.summary.over, "daily means above a WHO level", true)}${
      card(model.summary.invalid, "incomplete station-days", true)
    }</div>
${missing}${periodSectionHtml(model.period, model.dates.length)}${trends}${latest}
<section id="stations"><h2>Stations</h2><p class="lead">Coordinates in WGS 84 (EPSG:4326).</p>
<table><thead><tr><th scope="col">Station</th><th scope="col">Id</th><th scope="col">Latitude</th>` +
    `<th scope="col">Longitude</th><th scope="col">Phenomena</th><th scope="col">Days over</th></tr></thead>
<tbody>${model.stations.map(stationRow).join("")}</tbody></table></section>
<footer><p>Generated by airq ${escapeHtml(p.airqVersion)}. ${
      p.dataSource.production || p.dataSource.apiUrls.length === 0
        ? `Data: ${escapeHtml(p.source)}, licence ${escapeHtml(p.licence)}. Measurements are ` +
          "unvalidated near-real-time data."
        : "Data: not from IRCEL-CELINE's production API (see the source line at the top)."
    }</p>
<p>Raw manifest sha256 (raw/irceline/date=…/_manifest.json):</p><ul>${manifests}</ul></footer>
</main>
</body>
</html>
`;
}

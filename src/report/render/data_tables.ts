/**
 * The numbers behind each chart as collapsible HTML tables: the accessible alternative to
 * the SVG (screen readers, copy-paste). Pure; every label escaped.
 */
import { escapeHtml } from "../../text/escape.ts";
import type { DayChart, TrendChart } from "../model/report_types.ts";
import { formatAgainst, formatNumber } from "./scale.ts";

/** Longest range whose trend numbers are tabulated (one column per day). */
export const MAX_TABLE_DAYS = 31;

function details(summary: string, table: string): string {
  return `<details class="numbers"><summary>${summary}</summary><div class="table-wrap">${table}</div></details>`;
}

/** The table of a day chart: one row per bar, in chart order. */
export function dayTableHtml(chart: DayChart): string {
  const level = chart.guideline?.level;
  const head = [
    "Station",
    "Series",
    "Mean",
    "Min",
    "Max",
    "Hours",
    "Coverage",
    "Valid",
    "Over WHO",
  ]
    .map((h) => `<th scope="col">${h}</th>`).join("");
  const rows = chart.bars.map((b) =>
    `<tr${b.over ? ` class="over"` : ""}><th scope="row">${escapeHtml(b.label)}</th>` +
    `<td class="num">${b.timeseriesId}</td><td class="num">${formatAgainst(b.avg, level)}</td>` +
    `<td class="num">${formatNumber(b.min)}</td><td class="num">${formatNumber(b.max)}</td>` +
    `<td class="num">${b.valueCount}/${b.expectedCount}</td>` +
    `<td class="num">${formatNumber(b.coverage * 100, 0)} %</td><td>${
      b.isValid ? "yes" : "no"
    }</td>` +
    `<td>${level === undefined ? "–" : b.over ? "yes" : "no"}</td></tr>`
  ).join("");
  const unit = chart.uom ? ` (${escapeHtml(chart.uom)})` : "";
  return details(
    `Numbers${unit}`,
    `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** The table of a trend chart: one row per series, one column per date (empty when too long). */
export function trendTableHtml(chart: TrendChart): string {
  if (chart.dates.length > MAX_TABLE_DAYS) return "";
  const level = chart.guideline?.level;
  const head = `<th scope="col">Station</th>` +
    chart.dates.map((d) => `<th scope="col" class="num">${d.slice(5)}</th>`).join("");
  const rows = chart.series.map((s) =>
    `<tr><th scope="row">${escapeHtml(s.label)}</th>` +
    s.points.map((p) =>
      p.value === null
        ? `<td class="num">–</td>`
        : `<td class="num${p.over ? " over" : ""}">${formatAgainst(p.value, level)}${
          p.isValid ? "" : "*"
        }</td>`
    ).join("") + "</tr>"
  ).join("");
  const unit = chart.uom ? ` (${escapeHtml(chart.uom)})` : "";
  return details(
    `Numbers${unit}, * = incomplete day`,
    `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/**
 * The summary of a range as HTML tables, one per pollutant: per series the mean of its valid
 * daily means, its valid days above the WHO level and its coverage. The first rows (most days
 * over) are shown, the others folded. Pure; every label escaped.
 */
import { escapeHtml } from "../../text/escape.ts";
import type { PeriodRow, PeriodTable } from "../model/report_types.ts";
import { heading } from "./heading.ts";
import { formatAgainst, formatNumber } from "./scale.ts";

/** Rows shown before the fold. */
export const PERIOD_ROWS_SHOWN = 10;

const HEAD = `<thead><tr><th scope="col">Station</th><th scope="col">Series</th>` +
  `<th scope="col">Mean of valid daily means</th><th scope="col">Days above WHO level</th>` +
  `<th scope="col">Valid days</th><th scope="col">Coverage</th></tr></thead>`;

function row(r: PeriodRow, table: PeriodTable): string {
  return `<tr${r.daysOver > 0 ? ` class="over"` : ""} data-station-id="${r.stationId}" ` +
    `data-timeseries-id="${r.timeseriesId}"><th scope="row">${escapeHtml(r.label)}</th>` +
    `<td class="num">${r.timeseriesId}</td><td class="num">${
      r.mean === null ? "–" : formatAgainst(r.mean, table.guideline?.level)
    }</td><td class="num">${table.guideline ? r.daysOver : "–"}</td>` +
    `<td class="num">${r.validDays}</td><td class="num">${
      formatNumber(r.coverage * 100, 0)
    } %</td>` +
    `</tr>`;
}

function tableHtml(table: PeriodTable, dayCount: number): string {
  const shown = table.rows.slice(0, PERIOD_ROWS_SHOWN);
  const rest = table.rows.slice(PERIOD_ROWS_SHOWN);
  const level = table.guideline
    ? `WHO 2021 daily level: ${table.guideline.level} µg/m³.`
    : "No WHO daily guideline for this phenomenon.";
  const t = (rows: PeriodRow[]) =>
    `<div class="table-wrap"><table>${HEAD}<tbody>${
      rows.map((r) => row(r, table)).join("")
    }</tbody></table></div>`;
  return `<figure class="period-table" data-phenomenon-id="${table.phenomenonId}">${
    heading(table)
  }<figcaption>${level} Coverage: valid days out of ${dayCount}.</figcaption>${t(shown)}${
    rest.length === 0
      ? ""
      : `<details class="numbers"><summary>${rest.length} more series</summary>${t(rest)}</details>`
  }</figure>`;
}

/** The period section of a range report; "" when there is no table. */
export function periodSectionHtml(tables: PeriodTable[], dayCount: number): string {
  if (tables.length === 0) return "";
  return `<section id="period"><h2>Summary of the period</h2><p class="lead">Per station and ` +
    `pollutant over the ${dayCount} days: the mean of the valid daily means (days with at ` +
    `least 75 % of the hours), the valid days above the WHO daily level, and the coverage.</p>` +
    tables.map((t) => tableHtml(t, dayCount)).join("") + `</section>`;
}

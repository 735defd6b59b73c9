/**
 * The self-contained year page: per pollutant, the series ranked by exceedances against
 * the allowed counts and by annual mean against the annual limits, and the stations that
 * would fail the 2030 limits today. Inline CSS, no script, every lake value escaped. Pure.
 */
import { escapeHtml } from "../../text/escape.ts";
import type { LimitCell, LimitColumn, PollutantSection, YearModel } from "../model/year_types.ts";
import { card, pageHead } from "./page_parts.ts";
import { formatNumber } from "./scale.ts";

const YEAR_CSS = `
td.st-exceeded { color: var(--over); font-weight: 700; }
td.st-met { color: #15803d; }
td.st-insufficient_data { color: var(--muted); font-style: italic; }
.table-wrap { overflow-x: auto; }
th .sub { display: block; text-transform: none; letter-spacing: 0; font-weight: 400; }
ul.fail2030 li { margin: 2px 0; }
ul.fail2030 .why { color: var(--muted); font-size: 13px; }
`;

const STATUS_WORDS: Record<LimitCell["status"], string> = {
  exceeded: "exceeded",
  met: "met",
  open: "open",
  insufficient_data: "too few data",
};

function columnHead(c: LimitColumn): string {
  const allowed = c.allowed === null ? "" : `, ${c.allowed} allowed`;
  return `<th scope="col" class="num">${
    escapeHtml(c.title)
  }<span class="sub">${c.averaging} &gt; ` +
    `${c.threshold} µg/m³${allowed}</span></th>`;
}

function percent(share: number): string {
  return `${formatNumber(share * 100, 0)} %`;
}

function countCell(cell: LimitCell, c: LimitColumn): string {
  const text = cell.value === null ? "–" : `${cell.value} / ${c.allowed ?? "–"}`;
  return `<td class="num st-${cell.status}" title="${STATUS_WORDS[cell.status]}">${text}</td>`;
}

function annualCell(cell: LimitCell): string {
  return `<td class="num st-${cell.status}">${STATUS_WORDS[cell.status]}</td>`;
}

function table(head: string, body: string): string {
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody>` +
    `</table></div>`;
}

function station(line: { stationLabel: string; timeseriesId: number }): string {
  return `<td>${escapeHtml(line.stationLabel)}</td>` +
    `<td class="num">${line.timeseriesId}</td>`;
}

function pollutantSection(p: PollutantSection): string {
  const id = `p${p.phenomenonId}`;
  const counts = p.countColumns.length === 0
    ? ""
    : `<h3>Exceedances against the allowed count</h3>` +
      table(
        `<th scope="col">Station</th><th scope="col">Series</th>${
          p.countColumns.map(columnHead).join("")
        }<th scope="col">Capture</th>`,
        p.countLines.map((l) =>
          `<tr>${station(l)}${l.cells.map((c, i) => countCell(c, p.countColumns[i]!)).join("")}` +
          `<td class="num">${percent(l.capture)}</td></tr>`
        ).join(""),
      );
  const annual = p.annualColumns.length === 0
    ? ""
    : `<h3>Annual mean against the annual limits</h3>` +
      table(
        `<th scope="col">Station</th><th scope="col">Series</th><th scope="col">Mean µg/m³</th>${
          p.annualColumns.map(columnHead).join("")
        }<th scope="col">Capture</th>`,
        p.annualLines.map((l) =>
          `<tr>${station(l)}<td class="num">${
            l.annualMean === null ? "–" : formatNumber(l.annualMean, 1)
          }</td>${l.cells.map(annualCell).join("")}<td class="num">${percent(l.capture)}</td></tr>`
        ).join(""),
      );
  return `<section id="${id}" data-phenomenon-id="${p.phenomenonId}"><h2>${escapeHtml(p.name)} ` +
    `<span class="uom">· ${escapeHtml(p.label)}</span></h2>${counts}${annual}</section>`;
}

/** Render the year page (an HTML5 document). */
export function renderYearPage(model: YearModel): string {
  const p = model.provenance;
  const so = model.complete ? "" : ` so far (1 January to ${escapeHtml(model.lastDate)})`;
  const fail = model.fail2030.length === 0
    ? `<p>No station breaks a 2030 limit with this year's data${so}.</p>`
    : `<ul class="fail2030">${
      model.fail2030.map((f) =>
        `<li data-station-id="${f.stationId}">${escapeHtml(f.stationLabel)} <span class="why">` +
        `${f.reasons.map(escapeHtml).join("; ")}</span></li>`
      ).join("")
    }</ul>`;
  return `${
    pageHead(`EU limit values and WHO guidelines in Belgium, ${model.year}`, {
      airqVersion: p.airqVersion,
      css: YEAR_CSS,
    })
  }<header class="top"><div class="inner"><p class="kicker">airq · yearly compliance report</p>
<h1>EU limit values and WHO guidelines in Belgium, ${model.year}</h1>
<p>Every station and series of the IRCEL-CELINE network against the EU limit values in force
(Directive 2008/50/EC), those of 2030 (Directive (EU) 2024/2881) and the WHO 2021 guidelines${so}.</p>
</div></header>
<main>
<div class="cards">${card(model.summary.stations, "stations")}${
    card(model.summary.exceededToday, "stations above an EU limit today", true)
  }${card(model.summary.fail2030, "stations that would fail the 2030 limits", true)}${
    card(model.summary.exceededWho, "stations above a WHO guideline", true)
  }</div>
<p class="notice" role="note">An exceedance is a value strictly above the threshold: an hour, or a
day with a valid daily mean (18 of 24 hours). Counts read "exceedances / allowed". A verdict needs
75 % of the hours elapsed with a value (capture); an annual mean is judged on the complete year.
Statuses: exceeded, met, open (the year is not over), too few data.</p>
<section id="fail2030"><h2>Stations that would fail the 2030 limits today</h2>${fail}</section>
${model.pollutants.map(pollutantSection).join("\n")}
<footer><p>Generated by airq ${escapeHtml(p.airqVersion)}. Data: ${escapeHtml(p.source)}, licence ${
    escapeHtml(p.licence)
  }. Measurements are unvalidated near-real-time data; the official assessment uses validated data.</p>
<p>clean/compliance_station_by_year/year=${model.year} Parquet sha256: <code>${
    escapeHtml(p.sourceSha256)
  }</code></p></footer>
</main>
</body>
</html>
`;
}

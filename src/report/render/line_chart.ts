/**
 * SVG line chart of one phenomenon over a date range: the daily mean per series as a
 * line (gaps where a day has no data), incomplete days as hollow points, days over the
 * WHO level ringed in red, the level as a dashed line. Pure.
 */
import { escapeHtml } from "../../text/escape.ts";
import type { TrendChart, TrendPoint, TrendSeries } from "../model/report_types.ts";
import { formatAgainst, formatTick, linearScale, niceAxis } from "./scale.ts";
import { COLORS, px, seriesStyle, svgText } from "./_chart_style.ts";

const WIDTH = 880;
const HEIGHT = 340;
const LEFT = 56;
const RIGHT = 24;
const TOP = 30;
const BOTTOM = 48;

/** From this many series on, lines are drawn lighter (hover one to bring it forward). */
export const DENSE_SERIES = 9;

/** The network median line is drawn from this many series on. */
export const MEDIAN_SERIES = 3;

/** The y-axis of a trend chart: every daily mean and the guideline level. */
export function trendAxis(chart: TrendChart): ReturnType<typeof niceAxis> {
  const values = chart.series.flatMap((s) =>
    s.points.flatMap((p) => (p.value === null ? [] : [p.value]))
  );
  for (const v of chart.band?.high ?? []) if (v !== null) values.push(v);
  if (chart.guideline) values.push(chart.guideline.level * 1.1);
  return niceAxis(values, { count: 5 });
}

/** x positions of the dates: evenly spaced, a single date centred. */
export function datePositions(count: number, span: readonly [number, number]): number[] {
  const [left, right] = span;
  if (count === 1) return [(left + right) / 2];
  return Array.from({ length: count }, (_, i) => left + (i * (right - left)) / (count - 1));
}

/** Indexes of the dates to label so that at most `max` labels appear (first and last kept). */
export function labelledDates(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const every = Math.ceil((count - 1) / (max - 1));
  const out: number[] = [];
  for (let i = 0; i < count - 1; i += every) out.push(i);
  if (count - 1 - out.at(-1)! < every) out.pop();
  out.push(count - 1);
  return out;
}

/** The SVG path of a series: one sub-path per run of consecutive days with data. */
export function seriesPath(points: readonly (readonly [number, number] | null)[]): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${px(p[0])} ${px(p[1])}`;
    pen = true;
  }
  return d;
}

/** The band of a long range as filled areas, one per run of dates with a value. */
function bandPath(
  band: NonNullable<TrendChart["band"]>,
  xs: readonly number[],
  y: (v: number) => number,
): string {
  let d = "";
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const top = run.map((j, k) => `${k === 0 ? "M" : "L"}${px(xs[j]!)} ${px(y(band.high[j]!))}`);
    const bottom = [...run].reverse().map((j) => `L${px(xs[j]!)} ${px(y(band.low[j]!))}`);
    d += `${top.join("")}${bottom.join("")}Z`;
    run = [];
  };
  band.low.forEach((low, j) => {
    if (low === null || band.high[j] === null) flush();
    else run.push(j);
  });
  flush();
  return d;
}

function pointTitle(s: TrendSeries, p: TrendPoint, chart: TrendChart): string {
  const week = chart.granularity === "week";
  const parts = [
    `${s.label}, ${week ? "week of " : ""}${p.date}: mean ${
      formatAgainst(p.value ?? NaN, chart.guideline?.level)
    } ${chart.uom}`.trimEnd(),
  ];
  if (p.over && chart.guideline) {
    parts.push(`${week ? "a day " : ""}above the WHO daily level of ${chart.guideline.level}`);
  }
  if (!p.isValid) parts.push(week ? "no complete day" : "incomplete day");
  return parts.join("; ");
}

/** Render one trend chart as a standalone, accessible `<svg>` element. */
export function lineChartSvg(chart: TrendChart): string {
  const id = `trend-${chart.phenomenonId}`;
  const axis = trendAxis(chart);
  const y = linearScale([axis.min, axis.max], [HEIGHT - BOTTOM, TOP]);
  const xs = datePositions(chart.dates.length, [LEFT + 12, WIDTH - RIGHT - 12]);
  const unit = chart.uom ? ` (${chart.uom})` : "";
  const over = chart.series.reduce((n, s) => n + s.points.filter((p) => p.over).length, 0);
  const week = chart.granularity === "week";
  const title = `${chart.label}: ${week ? "weekly" : "daily"} mean per station, ${
    chart.dates[0]
  } to ${chart.dates.at(-1)}${unit}`;
  const desc =
    `${chart.series.length} series over ${chart.dates.length} ${
      week ? `weeks (the ${chart.band?.seriesCount ?? 0} series' middle half as a band)` : "days"
    }; ` +
    (chart.guideline
      ? `${over} daily ${
        over === 1 ? "mean" : "means"
      } above the WHO 2021 daily guideline of ${chart.guideline.level} ${chart.uom}`
      : "no WHO daily guideline for this phenomenon");
  const yGrid = axis.ticks.map((t) =>
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="${
      t === 0 ? COLORS.axis : COLORS.grid
    }"/>` +
    svgText(LEFT - 8, y(t) + 4, formatTick(t, axis.step), {
      "text-anchor": "end",
      class: "tick",
      fill: COLORS.muted,
    })
  ).join("");
  const xLabels = labelledDates(chart.dates.length, 10).map((i) =>
    `<line x1="${px(xs[i]!)}" x2="${px(xs[i]!)}" y1="${HEIGHT - BOTTOM}" y2="${
      HEIGHT - BOTTOM + 5
    }" stroke="${COLORS.axis}"/>` +
    svgText(xs[i]!, HEIGHT - BOTTOM + 19, chart.dates[i]!, {
      "text-anchor": "middle",
      class: "tick",
      fill: COLORS.muted,
    })
  ).join("");
  const g = chart.guideline;
  const guide = g
    ? `<g class="guideline" data-level="${g.level}"><line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${
      px(y(g.level))
    }" y2="${
      px(y(g.level))
    }" stroke="${COLORS.guideline}" stroke-width="1.5" stroke-dasharray="5 4"/>` +
      svgText(WIDTH - RIGHT, y(g.level) - 6, `WHO 2021 daily guideline: ${g.level} µg/m³`, {
        "text-anchor": "end",
        class: "guideline-label",
        stroke: "#ffffff",
        "stroke-width": 4,
        "paint-order": "stroke",
        fill: COLORS.guideline,
        "font-weight": 600,
      }) + "</g>"
    : "";
  const gap = xs.length > 1 ? (xs[1]! - xs[0]!) / 2 : 20;
  const noData = chart.dates.map((date, j) =>
    chart.series.every((s) => s.points[j]!.value === null)
      ? `<g class="no-data" data-date="${date}"><rect x="${
        px(xs[j]! - gap / 2)
      }" y="${TOP}" width="${px(gap)}"` +
        ` height="${HEIGHT - BOTTOM - TOP}" fill="#f3f4f6"/>` +
        svgText(xs[j]!, TOP + 14, "no data", {
          "text-anchor": "middle",
          class: "tick",
          fill: COLORS.muted,
        }) +
        "</g>"
      : ""
  ).join("");
  const lines = chart.series.map((s) => {
    const style = seriesStyle(s.stationIndex, s.stationSeries);
    const pts = s.points.map((p, j) => (p.value === null ? null : [xs[j]!, y(p.value)] as const));
    const dots = s.points.map((p, j) => {
      if (p.value === null) return "";
      const cls = ["point", p.over ? "over" : "", p.isValid ? "" : "invalid"].filter(Boolean).join(
        " ",
      );
      return `<circle class="${cls}" cx="${px(xs[j]!)}" cy="${px(y(p.value))}" r="${
        p.over ? 4.5 : 3.5
      }"` +
        ` fill="${p.isValid ? style.color : "#ffffff"}" stroke="${
          p.over ? COLORS.over : style.color
        }"` +
        ` stroke-width="${p.over ? 2.5 : 1.5}"><title>${
          escapeHtml(pointTitle(s, p, chart))
        }</title></circle>`;
    }).join("");
    return `<g class="series${
      s.points.some((p) => p.over) ? " has-over" : ""
    }" data-station-id="${s.stationId}"` +
      ` data-timeseries-id="${s.timeseriesId}">` +
      `<title>${escapeHtml(s.label)}</title>` +
      `<path d="${seriesPath(pts)}" fill="none" stroke="${style.color}" stroke-width="2"` +
      `${
        style.dash ? ` stroke-dasharray="${style.dash}"` : ""
      } stroke-linejoin="round"/>${dots}</g>`;
  }).join("");
  const medianPath = seriesPath(
    chart.median.map((v, j) => (v === null ? null : [xs[j]!, y(v)] as const)),
  );
  const median = chart.series.length >= MEDIAN_SERIES || chart.band
    ? `<g class="median"><title>network median</title>` +
      `<path d="${medianPath}" fill="none" stroke="#ffffff" stroke-width="6" stroke-linejoin="round"/>` +
      `<path d="${medianPath}" fill="none" stroke="${COLORS.text}" stroke-width="3" stroke-linejoin="round"/></g>`
    : "";
  const dense = chart.series.length >= DENSE_SERIES ? " dense" : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart${dense}" data-phenomenon-id="${chart.phenomenonId}"`,
    ` viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img"`,
    ` aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(desc)}</desc>`,
    noData,
    yGrid,
    xLabels,
    chart.band
      ? `<path class="band" d="${bandPath(chart.band, xs, y)}" fill="#d1d5db" ` +
        `fill-opacity="0.6" stroke="none"><title>middle half of ${chart.band.seriesCount} ` +
        "series (25 % to 75 %)</title></path>"
      : "",
    `<g class="lines">${lines}${median}</g>`,
    guide,
    svgText(16, TOP + (HEIGHT - TOP - BOTTOM) / 2, `daily mean${unit}`, {
      "text-anchor": "middle",
      transform: `rotate(-90 16 ${px(TOP + (HEIGHT - TOP - BOTTOM) / 2)})`,
      class: "axis-title",
      fill: COLORS.muted,
    }),
    "</svg>",
  ].join("");
}

/** The HTML legend of a trend chart (colour swatch and dash per series). */
export function lineLegendHtml(chart: TrendChart): string {
  const items = chart.series.map((s) => {
    const st = seriesStyle(s.stationIndex, s.stationSeries);
    const swatch =
      `<svg class="swatch" width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5"` +
      ` stroke="${st.color}" stroke-width="3"${
        st.dash ? ` stroke-dasharray="${st.dash}"` : ""
      }/></svg>`;
    const over = s.points.filter((p) => p.over).length;
    const mark = over
      ? ` <span class="over-tag">${over} ${over === 1 ? "day" : "days"} over</span>`
      : "";
    return `<li data-station-id="${s.stationId}" data-color="${st.color}">${swatch}<span>${
      escapeHtml(s.label)
    }</span>${mark}</li>`;
  }).join("");
  const band = chart.band
    ? `<li class="band-key"><svg class="swatch" width="26" height="10" aria-hidden="true">` +
      `<rect width="26" height="10" fill="#d1d5db"/></svg><span>middle half of all ` +
      `${chart.band.seriesCount} series; lines: the ${chart.series.length} with the most days ` +
      "above the WHO level</span></li>"
    : "";
  const median = chart.series.length >= MEDIAN_SERIES || chart.band
    ? `<li class="median-key"><svg class="swatch" width="26" height="10" aria-hidden="true"><line x1="1" x2="25"` +
      ` y1="5" y2="5" stroke="${COLORS.text}" stroke-width="4"/></svg><span>network median</span></li>`
    : "";
  return `<ul class="legend" aria-label="${
    escapeHtml(`Legend: ${chart.label}`)
  }">${band}${median}${items}</ul>`;
}

/**
 * SVG bar chart of one phenomenon on one day: the daily mean per series as horizontal
 * bars, the WHO daily level as a dashed line, bars over the level highlighted, min–max
 * whiskers, coverage per bar and incomplete (invalid) days hatched and tagged. Pure.
 */
import { escapeHtml } from "../../text/escape.ts";
import type { Bar, DayChart } from "../model/report_types.ts";
import { formatAgainst, formatNumber, formatTick, linearScale, niceAxis } from "./scale.ts";
import { COLORS, px, svgText, truncate } from "./_chart_style.ts";

const WIDTH = 880;
const LABEL_W = 250;
const INFO_W = 150;
const VALUE_W = 54;
const TOP = 40;
const ROW = 26;
const BAR_H = 15;
const BOTTOM = 34;

/** The x-axis of a day chart: covers every mean, min, max and the guideline level. */
export function barAxis(chart: DayChart): ReturnType<typeof niceAxis> {
  const values = chart.bars.flatMap((b) => [b.avg, b.min, b.max]);
  if (chart.guideline) values.push(chart.guideline.level * 1.1);
  return niceAxis(values, { count: 6 });
}

/** Accessible description of one bar. */
export function barDescription(bar: Bar, chart: DayChart): string {
  const unit = chart.uom ? ` ${chart.uom}` : "";
  const parts = [
    `${bar.label}: mean ${formatAgainst(bar.avg, chart.guideline?.level)}${unit}`,
    `min ${formatNumber(bar.min)}, max ${formatNumber(bar.max)}`,
    `${bar.valueCount} of ${bar.expectedCount} hours (${formatNumber(bar.coverage * 100, 0)} %)`,
  ];
  if (bar.over && chart.guideline) {
    parts.push(`above the WHO daily level of ${chart.guideline.level}`);
  }
  if (!bar.isValid) parts.push("incomplete day: not valid under the 75 % rule");
  return parts.join("; ");
}

/** The chart's one-sentence summary (used as SVG <desc>). */
export function barChartSummary(chart: DayChart): string {
  const over = chart.bars.filter((b) => b.over).length;
  const invalid = chart.bars.filter((b) => !b.isValid).length;
  const n = chart.bars.length;
  const parts = [`${n} series`];
  if (chart.guideline) {
    parts.push(
      `${over} above the WHO 2021 daily guideline of ${chart.guideline.level} ${chart.uom}`,
    );
  } else parts.push("no WHO daily guideline for this phenomenon");
  parts.push(`${invalid} with an incomplete day`);
  return parts.join("; ");
}

function valueLabel(
  bar: Bar,
  i: number,
  scale: { x: (v: number) => number; level: number | undefined },
): string {
  const { x, level } = scale;
  const cy = TOP + i * ROW + ROW / 2;
  return svgText(x(Math.max(bar.avg, bar.max, 0)) + 6, cy + 4, formatAgainst(bar.avg, level), {
    class: "value",
    fill: bar.over ? COLORS.over : COLORS.text,
    "font-weight": 600,
    stroke: "#ffffff",
    "stroke-width": 3,
    "paint-order": "stroke",
  });
}

function barRow(
  bar: Bar,
  i: number,
  chart: DayChart,
  scale: { x: (v: number) => number; x1: number; id: string },
): string {
  const { x, x1, id } = scale;
  const cy = TOP + i * ROW + ROW / 2;
  const a = x(Math.min(0, bar.avg));
  const b = x(Math.max(0, bar.avg));
  const fill = bar.over ? COLORS.over : COLORS.ok;
  const cls = ["bar", bar.over ? "over" : "ok", bar.isValid ? "valid" : "invalid"].join(" ");
  const desc = barDescription(bar, chart);
  const coverage = `${
    formatNumber(bar.coverage * 100, 0)
  } % · ${bar.valueCount}/${bar.expectedCount} h`;
  return [
    `<g class="${cls}" data-station-id="${bar.stationId}" data-timeseries-id="${bar.timeseriesId}"`,
    ">",
    `<title>${escapeHtml(desc)}</title>`,
    svgText(LABEL_W - 10, cy + 4, truncate(bar.label, 30), {
      "text-anchor": "end",
      class: "label",
      "font-weight": bar.over ? 600 : 400,
      fill: bar.over ? COLORS.over : COLORS.text,
    }),
    `<rect x="${px(a)}" y="${px(cy - BAR_H / 2)}" width="${
      px(Math.max(b - a, 0.5))
    }" height="${BAR_H}"`,
    ` rx="2" fill="${bar.isValid ? fill : `url(#${id}-hatch-${bar.over ? "over" : "ok"})`}"`,
    bar.isValid ? "" : ` stroke="${fill}" stroke-width="1.2"`,
    "/>",
    `<path class="whisker" d="M${px(x(bar.min))} ${px(cy)}H${px(x(bar.max))}M${px(x(bar.min))} ${
      px(cy - 4)
    }v8M${px(x(bar.max))} ${
      px(cy - 4)
    }v8" stroke="${COLORS.whisker}" stroke-opacity="0.55" fill="none"/>`,
    svgText(x1 + VALUE_W + 8, cy + 4, bar.isValid ? coverage : `⚠ ${coverage}`, {
      class: bar.isValid ? "coverage" : "coverage invalid-tag",
      fill: bar.isValid ? COLORS.muted : COLORS.over,
      "font-style": bar.isValid ? "normal" : "italic",
    }),
    "</g>",
  ].join("");
}

/** Render one day chart as a standalone, accessible `<svg>` element. */
export function barChartSvg(chart: DayChart): string {
  const id = `bars-${chart.date}-${chart.phenomenonId}`;
  const height = TOP + chart.bars.length * ROW + BOTTOM;
  const x0 = LABEL_W;
  const x1 = WIDTH - INFO_W - VALUE_W;
  const axis = barAxis(chart);
  const x = linearScale([axis.min, axis.max], [x0, x1]);
  const plotBottom = TOP + chart.bars.length * ROW;
  const unit = chart.uom ? ` (${chart.uom})` : "";
  const title = `${chart.label}: daily mean per station on ${chart.date}${unit}`;
  const grid = axis.ticks.map((t) =>
    `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${TOP - 6}" y2="${plotBottom}" stroke="${
      t === 0 ? COLORS.axis : COLORS.grid
    }"/>` + svgText(x(t), plotBottom + 16, formatTick(t, axis.step), {
      "text-anchor": "middle",
      class: "tick",
      fill: COLORS.muted,
    })
  ).join("");
  const g = chart.guideline;
  const gx = g ? x(g.level) : 0;
  const guide = g
    ? `<g class="guideline" data-level="${g.level}"><line x1="${px(x(g.level))}" x2="${
      px(x(g.level))
    }" y1="${
      TOP - 14
    }" y2="${plotBottom}" stroke="${COLORS.guideline}" stroke-width="1.5" stroke-dasharray="5 4"/>` +
      svgText(
        gx + (gx > (x0 + x1) / 2 ? -6 : 6),
        TOP - 20,
        `WHO 2021 daily guideline: ${g.level} µg/m³`,
        {
          "text-anchor": gx > (x0 + x1) / 2 ? "end" : "start",
          class: "guideline-label",
          stroke: "#ffffff",
          "stroke-width": 4,
          "paint-order": "stroke",
          fill: COLORS.guideline,
          "font-weight": 600,
        },
      ) + "</g>"
    : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" data-phenomenon-id="${chart.phenomenonId}"`,
    ` viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img"`,
    ` aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(barChartSummary(chart))}</desc>`,
    `<defs>${hatch(`${id}-hatch-ok`, COLORS.ok)}${hatch(`${id}-hatch-over`, COLORS.over)}</defs>`,
    chart.bars.map((_, i) =>
      i % 2 === 0
        ? `<rect class="stripe" x="0" y="${
          TOP + i * ROW
        }" width="${WIDTH}" height="${ROW}" fill="#f6f7f9"/>`
        : ""
    ).join(""),
    grid,
    `<g class="bars">`,
    chart.bars.map((b, i) => barRow(b, i, chart, { x, x1, id })).join(""),
    `</g>`,
    guide,
    `<g class="values" aria-hidden="true">${
      chart.bars.map((b, i) => valueLabel(b, i, { x, level: chart.guideline?.level })).join("")
    }</g>`,
    svgText(x1 + VALUE_W + 8, TOP - 20, "coverage", { class: "col-head", fill: COLORS.muted }),
    svgText((x0 + x1) / 2, plotBottom + 30, `daily mean${unit}`, {
      "text-anchor": "middle",
      class: "axis-title",
      fill: COLORS.muted,
    }),
    "</svg>",
  ].join("");
}

function hatch(id: string, color: string): string {
  return `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="${color}" fill-opacity="0.18"/>` +
    `<line x1="0" y1="0" x2="0" y2="6" stroke="${color}" stroke-width="2.5"/></pattern>`;
}

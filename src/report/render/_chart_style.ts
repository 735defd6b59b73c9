/** Colours, sizes and small SVG helpers shared by the report's charts. Pure. */
import { escapeHtml } from "../../text/escape.ts";

/** Colours (WCAG AA on white for text; bar fills tell apart also by pattern and label). */
export const COLORS = {
  ok: "#2f6fb0",
  over: "#c8283e",
  guideline: "#1f2937",
  grid: "#e5e7eb",
  axis: "#6b7280",
  text: "#111827",
  muted: "#4b5563",
  whisker: "#111827",
} as const;

/** A colour-blind-safe categorical palette (Okabe–Ito, then Tableau 10 shades). */
export const SERIES_PALETTE = [
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#56b4e9",
  "#d55e00",
  "#7f7f7f",
  "#882255",
  "#8c564b",
  "#bcbd22",
] as const;

/** Dash patterns used after the palette wraps, so series 11+ stay distinguishable. */
export const SERIES_DASHES = ["", "6 3", "2 3", "8 3 2 3"] as const;

/**
 * Colour and dash of the station at place `i` of the page's station list, the same in every
 * chart; its `variant`-th series in one chart (0 = first) keeps the colour with another dash.
 */
export function seriesStyle(i: number, variant = 0): { color: string; dash: string } {
  const n = SERIES_PALETTE.length;
  return {
    color: SERIES_PALETTE[i % n]!,
    dash: SERIES_DASHES[(Math.floor(i / n) + variant) % SERIES_DASHES.length]!,
  };
}

/** Coordinate for SVG output: at most 2 decimals. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * Cut a label to `max` characters with an ellipsis (before escaping, never mid-entity). A
 * trailing "(…)" part, which tells apart two series of one station ("(series 10003)"), is
 * kept whole and the station's name is cut instead.
 */
export function truncate(label: string, max: number): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  const suffix = /\s\([^()]*\)$/.exec(label)?.[0];
  const keep = suffix === undefined ? 0 : [...suffix].length;
  if (keep > 0 && keep <= max - 4) {
    return `${chars.slice(0, max - keep - 1).join("").trimEnd()}…${suffix}`;
  }
  return `${chars.slice(0, max - 1).join("")}…`;
}

/** An SVG `<text>` element with escaped content. */
export function svgText(
  x: number,
  y: number,
  text: string,
  attrs: Record<string, string | number> = {},
): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join("");
  return `<text x="${px(x)}" y="${px(y)}"${a}>${escapeHtml(text)}</text>`;
}

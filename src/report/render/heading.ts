/** The heading of a chart or table: the phenomenon's short name, its label and unit. Pure. */
import { escapeHtml } from "../../text/escape.ts";
import { shortName } from "../model/phenomenon_names.ts";

/** `<h3>` "PM10 · Particulate Matter < 10 µm (µg/m³)". */
export function heading(chart: { phenomenonId: number; label: string; uom: string }): string {
  const short = shortName(chart.phenomenonId, chart.label);
  const name = short === chart.label
    ? escapeHtml(chart.label)
    : `${escapeHtml(short)} <span class="long">· ${escapeHtml(chart.label)}</span>`;
  return `<h3>${name}${
    chart.uom ? ` <span class="uom">(${escapeHtml(chart.uom)})</span>` : ""
  }</h3>`;
}

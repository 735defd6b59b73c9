/**
 * The page's source line and, when the data is not from IRCEL-CELINE's production API, the
 * notice saying so: both from the raw manifests (model/data_source.ts). Pure.
 */
import { DEFAULT_API_URL } from "../../config/defaults.ts";
import { escapeHtml } from "../../text/escape.ts";
import { areaText, type DataSource } from "../model/data_source.ts";
import { shortName } from "../model/phenomenon_names.ts";

function list(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * "Data from <url> (IRCEL-CELINE's production API). Selection: PM10, NO₂; every station.";
 * `labels` names the phenomena without a short name (from the data).
 */
export function sourceLineHtml(
  source: DataSource,
  labels: ReadonlyMap<number, string> = new Map(),
): string {
  const urls = list(source.apiUrls.map((u) => `<code>${escapeHtml(u)}</code>`));
  const from = source.apiUrls.length === 0
    ? "Data from an unknown API (the raw manifests are gone)"
    : `Data from ${urls} (${
      source.production ? "IRCEL-CELINE's production API" : "not IRCEL-CELINE's production API"
    })`;
  const phenomena = source.phenomena.map((id) =>
    escapeHtml(shortName(id, labels.get(id) ?? `phenomenon ${id}`))
  );
  const selection = source.apiUrls.length === 0
    ? ""
    : ` Selection: ${list(phenomena)}; ${list(source.areas.map(areaText).map(escapeHtml))}.`;
  const unknown = source.unknownDates.length === 0
    ? ""
    : ` No raw manifest for ${source.unknownDates.map(escapeHtml).join(", ")}.`;
  return `<p class="source" data-api-urls="${escapeHtml(source.apiUrls.join(" "))}">${from}.` +
    `${selection}${unknown}</p>`;
}

/** The notice of data that did not come from the production API; "" when it did. */
export function sourceNoticeHtml(source: DataSource): string {
  if (source.production || source.apiUrls.length === 0) return "";
  return `<div class="notice source-warning" role="note">This report was not made from ` +
    `IRCEL-CELINE's production API (<code>${escapeHtml(DEFAULT_API_URL)}</code>) but from ` +
    `${list(source.apiUrls.map((u) => `<code>${escapeHtml(u)}</code>`))}: its values may be ` +
    `test or fixture data, not measurements of the Belgian network.</div>`;
}

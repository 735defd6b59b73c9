/**
 * Build the year page's model from the rows of clean/compliance_station_by_year. Pure.
 * The standards come from the table's own rows (threshold, allowed count), so the page
 * shows what compliance computed and restates no limit value.
 */
import type { ComplianceEntry } from "./compliance_row.ts";
import { DATA_SOURCE } from "./data_source.ts";
import { shortName } from "./phenomenon_names.ts";
import type {
  Fail2030,
  LimitCell,
  LimitColumn,
  PollutantSection,
  SeriesLine,
  YearModel,
} from "./year_types.ts";

const TITLES: Record<string, string> = {
  eu_2008_50: "EU today",
  eu_2030: "EU 2030",
  who_2021: "WHO 2021",
};

/** Share of the hours a verdict needs (docs/compliance.md). */
const MIN_CAPTURE = 0.75;

/** Options of buildYearModel(). */
export interface YearModelInput {
  year: number;
  rows: readonly ComplianceEntry[];
  airqVersion: string;
  /** sha256 of the partition's Parquet file. */
  sourceSha256: string;
}

function columnsOf(rows: readonly ComplianceEntry[], annual: boolean): LimitColumn[] {
  const seen = new Map<string, LimitColumn>();
  for (const r of rows) {
    if ((r.averaging_period === "year") !== annual) continue;
    const key = `${r.standard}/${r.averaging_period}`;
    if (!seen.has(key)) {
      seen.set(key, {
        standard: r.standard,
        title: TITLES[r.standard] ?? r.standard,
        averaging: r.averaging_period,
        threshold: r.threshold,
        allowed: r.allowed_exceedances,
      });
    }
  }
  return [...seen.values()];
}

function linesOf(rows: readonly ComplianceEntry[], columns: LimitColumn[]): SeriesLine[] {
  const bySeries = new Map<number, ComplianceEntry[]>();
  for (const r of rows) bySeries.set(r.timeseries_id, [...bySeries.get(r.timeseries_id) ?? [], r]);
  return [...bySeries.values()].map((series) => {
    const first = series[0]!;
    const cells = columns.map((c): LimitCell => {
      const r = series.find((x) => x.standard === c.standard && x.averaging_period === c.averaging);
      if (r === undefined) return { value: null, status: "insufficient_data" };
      return { value: c.averaging === "year" ? r.annual_mean : r.exceedances, status: r.status };
    });
    return {
      stationId: first.station_id,
      stationLabel: first.station_label,
      timeseriesId: first.timeseries_id,
      capture: first.data_capture,
      annualMean: first.annual_mean,
      cells,
    };
  });
}

function byCells(a: SeriesLine, b: SeriesLine): number {
  for (let i = 0; i < a.cells.length; i++) {
    const d = (b.cells[i]!.value ?? -1) - (a.cells[i]!.value ?? -1);
    if (d !== 0) return d;
  }
  return a.stationLabel.localeCompare(b.stationLabel) || a.timeseriesId - b.timeseriesId;
}

function byMean(a: SeriesLine, b: SeriesLine): number {
  return (b.annualMean ?? -Infinity) - (a.annualMean ?? -Infinity) ||
    a.stationLabel.localeCompare(b.stationLabel) || a.timeseriesId - b.timeseriesId;
}

/** Why a 2030 row fails today, or undefined when it does not. */
function fails2030(r: ComplianceEntry, name: string): string | undefined {
  const soFar = r.year_complete ? "" : " so far";
  if (r.standard !== "eu_2030") return undefined;
  const limit = `${name} ${r.averaging_period} > ${r.threshold} µg/m³`;
  if (r.averaging_period === "year") {
    const judged = r.annual_mean !== null && r.data_capture >= MIN_CAPTURE;
    return judged && r.annual_mean! > r.threshold
      ? `${limit}: mean ${r.annual_mean!.toFixed(1)}${soFar}`
      : undefined;
  }
  return r.status === "exceeded"
    ? `${limit}: ${r.exceedances} ${r.averaging_period}s (${r.allowed_exceedances} allowed)`
    : undefined;
}

function stationsWith(rows: readonly ComplianceEntry[], standard: string): number {
  return new Set(
    rows.filter((r) => r.standard === standard && r.status === "exceeded").map((r) => r.station_id),
  ).size;
}

/** The year page's model. */
export function buildYearModel(input: YearModelInput): YearModel {
  const { rows } = input;
  const phenomena = [...new Set(rows.map((r) => r.phenomenon_id))].sort((a, b) => a - b);
  const pollutants = phenomena.map((id): PollutantSection => {
    const own = rows.filter((r) => r.phenomenon_id === id);
    const countColumns = columnsOf(own, false);
    const annualColumns = columnsOf(own, true);
    return {
      phenomenonId: id,
      name: shortName(id, own[0]!.phenomenon_label),
      label: own[0]!.phenomenon_label,
      countColumns,
      countLines: linesOf(own, countColumns).sort(byCells),
      annualColumns,
      annualLines: linesOf(own, annualColumns).sort(byMean),
    };
  });
  const failing = new Map<number, Fail2030>();
  for (const r of rows) {
    const why = fails2030(r, shortName(r.phenomenon_id, r.phenomenon_label));
    if (why === undefined) continue;
    const f = failing.get(r.station_id) ??
      { stationId: r.station_id, stationLabel: r.station_label, reasons: [] };
    if (!f.reasons.includes(why)) f.reasons.push(why);
    failing.set(r.station_id, f);
  }
  const fail2030 = [...failing.values()].sort((a, b) =>
    b.reasons.length - a.reasons.length || a.stationLabel.localeCompare(b.stationLabel)
  );
  const first = rows[0];
  return {
    year: input.year,
    lastDate: first?.last_date ?? "",
    complete: first?.year_complete ?? false,
    summary: {
      stations: new Set(rows.map((r) => r.station_id)).size,
      series: new Set(rows.map((r) => r.timeseries_id)).size,
      exceededToday: stationsWith(rows, "eu_2008_50"),
      fail2030: fail2030.length,
      exceededWho: stationsWith(rows, "who_2021"),
    },
    pollutants,
    fail2030,
    provenance: {
      airqVersion: input.airqVersion,
      sourceSha256: input.sourceSha256,
      ...DATA_SOURCE,
    },
  };
}

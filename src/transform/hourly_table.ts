/**
 * The measurements_hourly table of a raw day, built in TypeScript straight from the parsed
 * values (no round trip through SQL): one row per (series, stamp) of (D 00:00, D+1 00:00],
 * NULL for anything but a measurement (valid_value.ts), of duplicates the first non-NULL value in file order,
 * else the first one; rows ordered by station, phenomenon, series, stamp. The same rows, in
 * the same order and Arrow types, as the SQL reference (observationsSql + hourlySql in
 * sql.ts, then withAnalysisColumns(); pinned by tests/transform/hourly_table_test.ts), the
 * analysis columns included. Also the `obs` rows the
 * aggregate SQL reads, and the counts of the day's summary. Pure.
 */
import type * as ArrowTypes from "apache-arrow";
import { arrow, type ArrowTable } from "../duckdb.ts";
import { isoWithOffset } from "../time/day_window.ts";
import {
  dateVector,
  float64Vector,
  int32Vector,
  int64Vector,
  timestampVector,
  utf8Vector,
} from "./_arrow_columns.ts";
import { pollutantCode, stationCode } from "../lake/pollutant_codes.ts";
import type { RawDay } from "./raw_day.ts";
import { isMeasurement } from "../irceline/valid_value.ts";

/** The counts of a day's summary line. */
export interface HourlyCounts {
  /** Values read from the raw files (including the stamp outside the day, duplicates…). */
  rows_in: number;
  /** Values stamped outside (D 00:00, D+1 00:00], e.g. the inclusive window start. */
  outside_day: number;
  /** Repeated (series, stamp) pairs dropped. */
  duplicates: number;
  /** Hourly rows whose value is NULL because the API sent null / "NaN" / a sentinel. */
  null_values: number;
  nan_values: number;
  sentinel_values: number;
}

/** The hourly table of a day, what DuckDB aggregates, and the counts. */
export interface HourlyDay {
  /** measurements_hourly, in the contract's columns and order (analysis columns included). */
  hourly: ArrowTable;
  /** obs(timeseries_id, timestamp_ms, value): the input of aggregateSql(). */
  obs: ArrowTable;
  counts: HourlyCounts;
}

const HOUR_MS = 3_600_000n;

/** Rows per record batch, as DuckDB hands results out (same batches, same Parquet bytes). */
const BATCH_ROWS = 2048;

/** The values of one series as parsed (the element type of RawDay.values). */
type SeriesValues = NonNullable<ReturnType<RawDay["values"]["get"]>>;

/** Build the hourly table of a verified raw day. */
export function hourlyDay(day: RawDay): HourlyDay {
  const { startMs, endMs, timezone } = day.window;
  // Per series: the kept value index of each stamp of the day, in stamp order.
  const kept: { series: number; values: SeriesValues; picks: number[] }[] = [];
  let rowsIn = 0;
  let outside = 0;
  let rows = 0;
  day.series.forEach((s, series) => {
    const values = day.values.get(s.timeseries_id) ?? [];
    rowsIn += values.length;
    const pick = new Map<number, number>();
    for (let i = 0; i < values.length; i++) {
      const t = values[i]!.timestamp;
      if (t <= startMs || t > endMs) {
        outside++;
        continue;
      }
      const before = pick.get(t);
      if (
        before === undefined || (isMissing(values[before]!.number) && !isMissing(values[i]!.number))
      ) {
        pick.set(t, i);
      }
    }
    if (pick.size === 0) return;
    const picks = [...pick.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    kept.push({ series, values, picks });
    rows += picks.length;
  });

  const stationId = new BigInt64Array(rows);
  const stationLabel: string[] = new Array(rows);
  const longitude = new Float64Array(rows);
  const noLongitude = new Uint8Array(rows);
  const latitude = new Float64Array(rows);
  const noLatitude = new Uint8Array(rows);
  const phenomenonId = new Int32Array(rows);
  const phenomenonLabel: string[] = new Array(rows);
  const seriesId = new BigInt64Array(rows);
  const uom: (string | null)[] = new Array(rows);
  const stamp = new BigInt64Array(rows);
  const datetime: string[] = new Array(rows);
  const value = new Float64Array(rows);
  const missing = new Uint8Array(rows);
  const rawValue: string[] = new Array(rows);
  const stationCodes: (string | null)[] = new Array(rows);
  const pollutants: (string | null)[] = new Array(rows);
  const local = new Map<number, string>();
  const counts = { null_values: 0, nan_values: 0, sentinel_values: 0 };
  let r = 0;
  for (const { series, values, picks } of kept) {
    const s = day.series[series]!;
    const station = BigInt(s.station_id);
    const id = BigInt(s.timeseries_id);
    const code = stationCode(s.station_label);
    const pollutant = pollutantCode(s.phenomenon_id);
    for (const i of picks) {
      const v = values[i]!;
      stationId[r] = station;
      stationLabel[r] = s.station_label;
      longitude[r] = s.longitude ?? 0;
      noLongitude[r] = s.longitude === null ? 1 : 0;
      latitude[r] = s.latitude ?? 0;
      noLatitude[r] = s.latitude === null ? 1 : 0;
      phenomenonId[r] = s.phenomenon_id;
      phenomenonLabel[r] = s.phenomenon_label;
      seriesId[r] = id;
      stationCodes[r] = code;
      pollutants[r] = pollutant;
      uom[r] = s.uom;
      stamp[r] = BigInt(v.timestamp);
      let iso = local.get(v.timestamp);
      if (iso === undefined) local.set(v.timestamp, iso = isoWithOffset(v.timestamp, timezone));
      datetime[r] = iso;
      const gone = isMissing(v.number);
      value[r] = gone ? 0 : v.number;
      missing[r] = gone ? 1 : 0;
      rawValue[r] = v.source;
      if (v.source === "null") counts.null_values++;
      else if (v.source === "NaN") counts.nan_values++;
      else if (gone) counts.sentinel_values++;
      r++;
    }
  }
  const columns = {
    station_id: int64Vector(stationId),
    station_label: utf8Vector(stationLabel),
    longitude: float64Vector(longitude, noLongitude),
    latitude: float64Vector(latitude, noLatitude),
    phenomenon_id: int32Vector(phenomenonId),
    phenomenon_label: utf8Vector(phenomenonLabel),
    timeseries_id: int64Vector(seriesId),
    uom: utf8Vector(uom),
    timestamp_ms: int64Vector(stamp),
    datetime: utf8Vector(datetime),
    value: float64Vector(value, missing),
    raw_value: utf8Vector(rawValue),
    date: dateVector(day.date, rows),
    station_code: utf8Vector(stationCodes),
    pollutant: utf8Vector(pollutants),
    hour_start: timestampVector(stamp.map((t) => t - HOUR_MS)),
    hour_end: timestampVector(stamp),
  };
  const hourly = batched(columns, rows);
  const obsColumns = {
    timeseries_id: columns.timeseries_id,
    timestamp_ms: columns.timestamp_ms,
    value: columns.value,
  };
  const obs = new arrow.Table(obsColumns);
  return {
    hourly,
    obs,
    counts: {
      rows_in: rowsIn,
      outside_day: outside,
      duplicates: rowsIn - outside - rows,
      ...counts,
    },
  };
}

/** The columns as one table of BATCH_ROWS-row record batches, every field nullable. */
function batched(columns: Record<string, ArrowTypes.Vector>, rows: number): ArrowTable {
  const vectors = Object.values(columns);
  const schema = new arrow.Schema(
    Object.entries(columns).map(([name, v]) => new arrow.Field(name, v.type, true)),
  );
  const batches: ArrowTypes.RecordBatch[] = [];
  for (let at = 0; at < rows; at += BATCH_ROWS) {
    const end = Math.min(rows, at + BATCH_ROWS);
    const children = vectors.map((v) => v.slice(at, end).data[0]!);
    const type = new arrow.Struct(schema.fields);
    const data = arrow.makeData({ type, length: end - at, nullCount: 0, children });
    batches.push(new arrow.RecordBatch(schema, data));
  }
  return new arrow.Table(schema, batches);
}

/** A value that the clean tables hold as NULL: anything but a measurement (valid_value.ts). */
function isMissing(n: number): boolean {
  return !isMeasurement(n);
}

/**
 * Arrow tables of one raw day, built column by column for DuckDB: series (metadata, which
 * the aggregate joins), and for the SQL reference of the hourly table (sql.ts, used by the
 * tests to pin hourly_table.ts) raw_obs (every value as sent) and stamps (local ISO time
 * per distinct stamp of the day, computed once per stamp, not per row).
 */
import { arrow, type ArrowTable } from "../duckdb.ts";
import { isoWithOffset } from "../time/day_window.ts";
import { utf8Vector } from "./_arrow_columns.ts";
import type { RawDay } from "./raw_day.ts";

/** The three input tables of the transform SQL. */
export interface InputTables {
  raw_obs: ArrowTable;
  series: ArrowTable;
  stamps: ArrowTable;
}

/** The series table: one row of metadata per selected series. */
export function seriesTable(s: RawDay["series"]): ArrowTable {
  return new arrow.Table({
    timeseries_id: arrow.makeVector(BigInt64Array.from(s, (x) => BigInt(x.timeseries_id))),
    station_id: arrow.makeVector(BigInt64Array.from(s, (x) => BigInt(x.station_id))),
    station_label: arrow.vectorFromArray(s.map((x) => x.station_label), new arrow.Utf8()),
    longitude: arrow.vectorFromArray(s.map((x) => x.longitude), new arrow.Float64()),
    latitude: arrow.vectorFromArray(s.map((x) => x.latitude), new arrow.Float64()),
    phenomenon_id: arrow.makeVector(Int32Array.from(s, (x) => x.phenomenon_id)),
    phenomenon_label: arrow.vectorFromArray(s.map((x) => x.phenomenon_label), new arrow.Utf8()),
    uom: arrow.vectorFromArray(s.map((x) => x.uom), new arrow.Utf8()),
  });
}

/** Build the input tables of a raw day (of the SQL reference of the hourly table). */
export function inputTables(day: RawDay): InputTables {
  let n = 0;
  for (const list of day.values.values()) n += list.length;
  const tsIds = new BigInt64Array(n);
  const stamps = new BigInt64Array(n);
  const numbers = new Float64Array(n);
  const sources: string[] = new Array(n);
  const seq = new Int32Array(n);
  const dayStamps = new Map<number, string>();
  const { startMs, endMs, timezone } = day.window;
  let i = 0;
  for (const s of day.series) {
    const id = BigInt(s.timeseries_id);
    for (const v of day.values.get(s.timeseries_id) ?? []) {
      tsIds[i] = id;
      stamps[i] = BigInt(v.timestamp);
      numbers[i] = v.number;
      sources[i] = v.source;
      seq[i] = i;
      i++;
      if (v.timestamp > startMs && v.timestamp <= endMs && !dayStamps.has(v.timestamp)) {
        dayStamps.set(v.timestamp, isoWithOffset(v.timestamp, timezone));
      }
    }
  }
  const raw_obs = new arrow.Table({
    timeseries_id: arrow.makeVector(tsIds),
    timestamp_ms: arrow.makeVector(stamps),
    number: arrow.makeVector(numbers),
    raw_value: utf8Vector(sources),
    seq: arrow.makeVector(seq),
  });
  const series = seriesTable(day.series);
  const stampList = [...dayStamps.keys()];
  const stampsTable = new arrow.Table({
    timestamp_ms: arrow.makeVector(BigInt64Array.from(stampList, (t) => BigInt(t))),
    datetime: arrow.vectorFromArray(stampList.map((t) => dayStamps.get(t)!), new arrow.Utf8()),
  });
  return { raw_obs, series, stamps: stampsTable };
}

/**
 * The SQL of the transform (DuckDB dialect, no extension needed). Pure text builders.
 *
 * Input tables: raw_obs(timeseries_id, timestamp_ms, number, raw_value, seq) with every
 * value as sent (number NaN for null and "NaN"), series(...) with one row of metadata per
 * selected series, stamps(timestamp_ms, datetime) with the local ISO time of each stamp.
 */

/** The day a query runs for. */
export interface SqlDay {
  /** D 00:00 local, epoch ms (exclusive). */
  startMs: number;
  /** D+1 00:00 local, epoch ms (inclusive). */
  endMs: number;
  /** Hours in the local day (23, 24, 25). */
  hours: number;
  timezone: string;
}

import { isMeasurementSql } from "../irceline/valid_value.ts";

/** Share of the expected hours a valid daily aggregate needs (EU rule: 18 of 24). */
export const VALID_SHARE = 0.75;

function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Invalid integer for SQL: "${n}"`);
  return String(n);
}

function str(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function inDay(day: SqlDay, column = "timestamp_ms"): string {
  return `${column} > ${int(day.startMs)} AND ${column} <= ${int(day.endMs)}`;
}

/**
 * obs: the stamps of day D, NULL for anything but a measurement (null, "NaN", placeholders,
 * numbers beyond a double: valid_value.ts), one row per (series, stamp). Of duplicates the
 * first non-NULL value in file order wins, else the first one.
 */
export function observationsSql(day: SqlDay): string {
  const missing = `(NOT ${isMeasurementSql("number")})`;
  // Rank: file order (seq), every missing value after every present one.
  const rank = `CASE WHEN ${missing} THEN seq + 2147483648 ELSE seq END`;
  return `CREATE OR REPLACE TABLE obs AS
SELECT timeseries_id, timestamp_ms,
       arg_min(CASE WHEN ${missing} THEN NULL ELSE number END, ${rank}) AS value,
       arg_min(raw_value, ${rank}) AS raw_value
FROM raw_obs
WHERE ${inDay(day)}
GROUP BY timeseries_id, timestamp_ms`;
}

const META = `s.station_id::BIGINT AS station_id, s.station_label::VARCHAR AS station_label,
       s.longitude::DOUBLE AS longitude, s.latitude::DOUBLE AS latitude,
       s.phenomenon_id::INTEGER AS phenomenon_id, s.phenomenon_label::VARCHAR AS phenomenon_label,
       o.timeseries_id::BIGINT AS timeseries_id, s.uom::VARCHAR AS uom`;

/** measurements_hourly: one row per (series, stamp) of the day, in a fixed order. */
export function hourlySql(): string {
  return `SELECT ${META},
       o.timestamp_ms::BIGINT AS timestamp_ms, t.datetime::VARCHAR AS datetime,
       o.value::DOUBLE AS value, o.raw_value::VARCHAR AS raw_value
FROM obs o JOIN series s USING (timeseries_id) JOIN stamps t USING (timestamp_ms)
ORDER BY station_id, phenomenon_id, timeseries_id, timestamp_ms`;
}

/** 2^-1000: values this small or smaller are averaged unscaled (scaling would lose bits). */
const MEAN_SCALE = "0.5 ^ 1000";

/**
 * aggregate_station_by_day of one or more days in one pass: obs and series carry a
 * `day_index` (INTEGER, the position of the day in `days`); the result has one row per
 * (day, series) with at least one valid value, ordered by day_index, station, phenomenon,
 * series, with `day_index` as its last column (to split the result by day; not a column of
 * the table). The mean sums the values in the order of obs, which hourly_table.ts builds in
 * stamp order per series: DuckDB-WASM runs one thread and feeds a group's rows to its
 * aggregate in scan order, so the last bits are those of the sum in stamp order, whichever
 * days share the pass (tests/transform/aggregate_day_test.ts checks them on values whose sum
 * depends on the order; `avg(value ORDER BY timestamp_ms)` gives the same bits at about 8×
 * the cost and memory of the pass, bench/RESULTS.md). When that sum overflows (values near the largest
 * double), the mean is taken of the values scaled by 2^-1000 (exact) and scaled back; either
 * way it is kept within [min, max], so it is finite for any finite input. Grouped by day and
 * series id alone, then joined to the metadata (not grouped by every metadata column).
 */
export function aggregateSql(days: readonly SqlDay[]): string {
  if (days.length === 0) throw new RangeError("Cannot aggregate: no day");
  const facts = days.map((d, i) => `(${int(i)}, ${int(d.hours)}, ${str(d.timezone)})`);
  return `WITH d(day_index, hours, day_timezone) AS (VALUES ${facts.join(", ")}),
m AS (
  SELECT day_index, timeseries_id, avg(value) AS plain_avg,
         avg(value * ${MEAN_SCALE}) AS scaled_avg,
         min(value) AS min_value, max(value) AS max_value, count(value) AS value_count
  FROM obs
  GROUP BY day_index, timeseries_id
  HAVING count(value) >= 1
), a AS (
  SELECT day_index, timeseries_id, min_value, max_value, value_count,
         greatest(min_value, least(max_value, CASE WHEN isfinite(plain_avg) THEN plain_avg
           ELSE scaled_avg / (${MEAN_SCALE}) END)) AS avg_value
  FROM m
)
SELECT ${META},
       o.avg_value::DOUBLE AS avg_value, o.min_value::DOUBLE AS min_value,
       o.max_value::DOUBLE AS max_value, o.value_count::INTEGER AS value_count,
       d.hours::INTEGER AS expected_count,
       (o.value_count / d.hours)::DOUBLE AS coverage,
       (o.value_count >= ceil(${VALID_SHARE} * d.hours))::BOOLEAN AS is_valid,
       d.day_timezone::VARCHAR AS day_timezone,
       o.day_index::INTEGER AS day_index
FROM a o JOIN series s USING (day_index, timeseries_id) JOIN d USING (day_index)
ORDER BY o.day_index, station_id, phenomenon_id, timeseries_id`;
}

/** Counts for the day's summary line (one row), in one scan of raw_obs and one of obs. */
export function statsSql(day: SqlDay): string {
  return `SELECT r.rows_in::INTEGER AS rows_in, r.outside_day::INTEGER AS outside_day,
       (r.rows_in - r.outside_day - o.obs_rows)::INTEGER AS duplicates,
       o.null_values::INTEGER AS null_values, o.nan_values::INTEGER AS nan_values,
       o.sentinel_values::INTEGER AS sentinel_values
FROM (SELECT count(*) AS rows_in, count(*) FILTER (WHERE NOT (${inDay(day)})) AS outside_day
      FROM raw_obs) r,
     (SELECT count(*) AS obs_rows,
             count(*) FILTER (WHERE raw_value = 'null') AS null_values,
             count(*) FILTER (WHERE raw_value = 'NaN') AS nan_values,
             count(*) FILTER (WHERE value IS NULL AND raw_value NOT IN ('null', 'NaN'))
               AS sentinel_values
      FROM obs) o`;
}

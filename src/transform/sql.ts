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

/** A value ≤ this is a sentinel (e.g. -99.99 for "not measured yet"), never a measurement. */
export const SENTINEL_MAX = -99;

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
 * obs: the stamps of day D, NULL for null/"NaN"/sentinels, one row per (series, stamp).
 * Of duplicates the first non-NULL value in file order wins, else the first one.
 */
export function observationsSql(day: SqlDay): string {
  const missing = `(isnan(number) OR number <= ${SENTINEL_MAX})`;
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

/**
 * aggregate_station_by_day: one row per series with at least one valid value. The mean
 * sums in stamp order, so its last bits never depend on how DuckDB laid out obs.
 */
export function aggregateSql(day: SqlDay): string {
  const hours = int(day.hours);
  return `SELECT ${META},
       avg(o.value ORDER BY o.timestamp_ms)::DOUBLE AS avg_value, min(o.value)::DOUBLE AS min_value,
       max(o.value)::DOUBLE AS max_value, count(o.value)::INTEGER AS value_count,
       ${hours}::INTEGER AS expected_count,
       (count(o.value) / ${hours})::DOUBLE AS coverage,
       (count(o.value) >= ceil(${VALID_SHARE} * ${hours}))::BOOLEAN AS is_valid,
       ${str(day.timezone)}::VARCHAR AS day_timezone
FROM obs o JOIN series s USING (timeseries_id)
GROUP BY ALL
HAVING count(o.value) >= 1
ORDER BY station_id, phenomenon_id, timeseries_id`;
}

/** Counts for the day's summary line (one row). */
export function statsSql(day: SqlDay): string {
  return `SELECT
  (SELECT count(*) FROM raw_obs)::INTEGER AS rows_in,
  (SELECT count(*) FROM raw_obs WHERE NOT (${inDay(day)}))::INTEGER AS outside_day,
  (SELECT count(*) FROM raw_obs WHERE ${inDay(day)})::INTEGER
    - (SELECT count(*) FROM obs)::INTEGER AS duplicates,
  (SELECT count(*) FROM obs WHERE raw_value = 'null')::INTEGER AS null_values,
  (SELECT count(*) FROM obs WHERE raw_value = 'NaN')::INTEGER AS nan_values,
  (SELECT count(*) FROM obs WHERE value IS NULL AND raw_value NOT IN ('null', 'NaN'))::INTEGER
    AS sentinel_values`;
}

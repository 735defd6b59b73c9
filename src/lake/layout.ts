/**
 * Key names of the lake: the one place that knows the layout. Pure.
 *
 * raw/irceline/date=YYYY-MM-DD/
 *   stations.json                    GET /stations?expanded=true[&near=…]
 *   timeseries/phenomenon=<id>.json  GET /timeseries?phenomenon=<id> (uom, labels)
 *   values/bulk_<first>_<last>.json  POST /timeseries/getData for a chunk of series
 *   values/series_<id>.json          GET /timeseries/<id>/getData (fallback per series)
 *   _manifest.json                   written LAST; a folder without it is incomplete
 * clean/<table>/date=YYYY-MM-DD/    daily tables: measurements_hourly, aggregate_station_by_day
 * clean/<table>/year=YYYY/          yearly tables: compliance_station_by_year
 *   part-0.parquet                   the partition's one Parquet file, a fixed name
 *   _staged/part-<sha16>.parquet     the next version while part-0.parquet is replaced
 *   _SUCCESS                         written LAST; lists the parquet file, rows, sha256
 * A replacement stages the new file, points _SUCCESS at it, overwrites part-0.parquet in
 * place (one atomic put), points _SUCCESS back, then deletes the staged copy: airq's readers
 * trust the previous or the new partition at every moment, and a plain glob of
 * date=D/*.parquet or year=Y/*.parquet sees exactly one complete file (see docs/lake.md).
 * reports/date=YYYY-MM-DD/index.html, reports/range=D1_D2/index.html (+ daily.csv),
 * reports/year=YYYY/index.html
 */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_RE = /^\d{4}$/;

function checkYear(year: string): string {
  if (!YEAR_RE.test(year)) throw new RangeError(`Invalid partition year: "${year}"`);
  return year;
}

function checkDate(date: string): string {
  if (!DATE_RE.test(date)) throw new RangeError(`Invalid partition date: "${date}"`);
  return date;
}

function checkId(id: number | string): string {
  const s = String(id);
  if (!/^\d{1,18}$/.test(s)) throw new RangeError(`Invalid numeric id for a key: "${s}"`);
  return s;
}

/** The source folder of raw files. */
export const RAW_SOURCE_PREFIX = "raw/irceline/";

/** Folder (with trailing slash) of one raw day. */
export function rawDayPrefix(date: string): string {
  return `${RAW_SOURCE_PREFIX}date=${checkDate(date)}/`;
}

/** Key of the manifest of one raw day. */
export function rawManifestKey(date: string): string {
  return `${rawDayPrefix(date)}_manifest.json`;
}

/** Key of the stations discovery response. */
export function rawStationsKey(date: string): string {
  return `${rawDayPrefix(date)}stations.json`;
}

/** Key of the /timeseries?phenomenon=<id> listing (units and labels). */
export function rawTimeseriesListKey(date: string, phenomenonId: number): string {
  return `${rawDayPrefix(date)}timeseries/phenomenon=${checkId(phenomenonId)}.json`;
}

/** Key of one bulk getData response covering series `firstId`..`lastId` of a chunk. */
export function rawBulkValuesKey(date: string, firstId: number, lastId: number): string {
  return `${rawDayPrefix(date)}values/bulk_${checkId(firstId)}_${checkId(lastId)}.json`;
}

/** Key of one per-series getData response. */
export function rawSeriesValuesKey(date: string, timeseriesId: number): string {
  return `${rawDayPrefix(date)}values/series_${checkId(timeseriesId)}.json`;
}

/** The clean tables partitioned by local day (`date=YYYY-MM-DD`). */
export type DailyTable = "measurements_hourly" | "aggregate_station_by_day";

/** The clean tables partitioned by calendar year (`year=YYYY`). */
export type YearlyTable = "compliance_station_by_year";

/** The clean tables. */
export type CleanTable = DailyTable | YearlyTable;

const YEARLY_TABLES: ReadonlySet<string> = new Set<YearlyTable>(["compliance_station_by_year"]);

/**
 * Folder (with trailing slash) of one clean partition; `partition` is the day
 * (YYYY-MM-DD) of a daily table or the year (YYYY) of a yearly one.
 */
export function cleanPartitionPrefix(table: CleanTable, partition: string): string {
  return YEARLY_TABLES.has(table)
    ? `clean/${table}/year=${checkYear(partition)}/`
    : `clean/${table}/date=${checkDate(partition)}/`;
}

/** Prefix of every partition of daily table `table` in calendar year `year`. */
export function cleanYearDaysPrefix(table: DailyTable, year: string): string {
  return `clean/${table}/date=${checkYear(year)}-`;
}

/** Key of the one Parquet file of a clean partition: a fixed name, overwritten in place. */
export function cleanParquetKey(table: CleanTable, partition: string): string {
  return `${cleanPartitionPrefix(table, partition)}part-0.parquet`;
}

/** Key of the staged copy of a partition's next file, named by its sha256 (hex). */
export function cleanStagedKey(table: CleanTable, partition: string, sha256Hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new RangeError(`Invalid sha256: "${sha256Hex}"`);
  return `${cleanPartitionPrefix(table, partition)}_staged/part-${sha256Hex.slice(0, 16)}.parquet`;
}

/** Key of the completion marker of one clean partition. */
export function cleanSuccessKey(table: CleanTable, partition: string): string {
  return `${cleanPartitionPrefix(table, partition)}_SUCCESS`;
}

/** Key of a report page for one day or a range. */
export function reportKey(from: string, to: string): string {
  return from === to
    ? `reports/date=${checkDate(from)}/index.html`
    : `reports/range=${checkDate(from)}_${checkDate(to)}/index.html`;
}

/** Key of the compliance page of one calendar year. */
export function yearReportKey(year: string): string {
  return `reports/year=${checkYear(year)}/index.html`;
}

/** Key of a range report's daily means as CSV, next to its page (the page links it). */
export function reportDailyCsvKey(from: string, to: string): string {
  return reportKey(from, to).replace(/index\.html$/, REPORT_DAILY_CSV);
}

/** File name of a range report's daily CSV, relative to its page. */
export const REPORT_DAILY_CSV = "daily.csv";

/** Whether a key names run metadata (basename starts with "_"). */
export function isMetadataKey(key: string): boolean {
  const base = key.slice(key.lastIndexOf("/") + 1);
  return base.startsWith("_");
}

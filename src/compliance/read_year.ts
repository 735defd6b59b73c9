/**
 * The inputs of a year's compliance: the days of the year whose daily partitions are
 * published, each read only through its `_SUCCESS` (readPublishedPartition), never raw.
 */
import { LakeError } from "../errors.ts";
import { cleanSuccessKey, cleanYearDaysPrefix, type DailyTable } from "../lake/layout.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";
import type { SourcePartition } from "../lake/success_marker.ts";
import { readParquetArrow } from "../parquet.ts";
import { sha256Hex } from "../sha256_hex.ts";
import { addDailyMean, addHourlyValue, seriesOf, type YearSeries } from "./series_year.ts";

/** The published days of a year and the `_SUCCESS` of each of their partitions. */
export interface YearInputs {
  /** Days with a published aggregate_station_by_day partition, in order. */
  dates: string[];
  /** For each day: hourly then daily `_SUCCESS`, with its sha256. */
  sources: SourcePartition[];
}

const SUCCESS_RE = /\/date=(\d{4}-\d{2}-\d{2})\/_SUCCESS$/;

/** List the published days of `year`; LakeError when a day has daily means but no hours. */
export async function readYearInputs(store: ObjectStore, year: number): Promise<YearInputs> {
  const dates: string[] = [];
  const prefix = cleanYearDaysPrefix("aggregate_station_by_day", String(year));
  for await (const { key } of store.list(prefix)) {
    const date = SUCCESS_RE.exec(key)?.[1];
    if (date !== undefined) dates.push(date);
  }
  const sources: SourcePartition[] = [];
  for (const date of dates) {
    for (const table of ["measurements_hourly", "aggregate_station_by_day"] as DailyTable[]) {
      const key = cleanSuccessKey(table, date);
      const bytes = await store.get(key);
      if (bytes === undefined) {
        throw new LakeError(
          `Cannot read the inputs of ${year}: "${key}" is missing in ${store.location}: ` +
            `run "deno task transform --date ${date} --force"`,
        );
      }
      sources.push({ key, sha256: await sha256Hex(bytes) });
    }
  }
  return { dates, sources };
}

/** Options of addPublishedDay(). */
export interface AddDayOptions {
  /** The time zone the days must have been cut in. */
  timezone: string;
}

/**
 * Add one published day (its daily means, then its hourly values in stamp order) to the
 * year's series. LakeError when the day was cut in another time zone.
 */
export async function addPublishedDay(
  store: ObjectStore,
  year: YearSeries,
  date: string,
  options: AddDayOptions,
): Promise<void> {
  const daily = await readPublishedPartition(store, "aggregate_station_by_day", date);
  for (const f of daily.files) {
    const t = readParquetArrow(f.bytes);
    for (const r of t.toArray()) {
      const row = (r as { toJSON(): Record<string, unknown> }).toJSON();
      if (row.day_timezone !== options.timezone) {
        throw new LakeError(
          `Cannot build compliance from "${f.key}": the day was cut in time zone ` +
            `"${String(row.day_timezone)}", not "${options.timezone}": pass --timezone ` +
            `${String(row.day_timezone)}`,
        );
      }
      addDailyMean(year, {
        station_id: row.station_id as bigint,
        station_label: String(row.station_label ?? ""),
        phenomenon_id: Number(row.phenomenon_id),
        phenomenon_label: String(row.phenomenon_label ?? ""),
        timeseries_id: row.timeseries_id as bigint,
        avg_value: row.avg_value as number | null,
        is_valid: row.is_valid === true,
      });
    }
  }
  const hourly = await readPublishedPartition(store, "measurements_hourly", date);
  for (const f of hourly.files) {
    const t = readParquetArrow(f.bytes);
    const col = (name: string) => {
      const c = t.getChild(name);
      if (c === null) throw new LakeError(`Cannot read "${f.key}": no column "${name}"`);
      return c;
    };
    const [ids, values, stations, stationLabels, phenomena, phenomenonLabels] = [
      col("timeseries_id"),
      col("value"),
      col("station_id"),
      col("station_label"),
      col("phenomenon_id"),
      col("phenomenon_label"),
    ];
    let current: ReturnType<typeof seriesOf> | undefined;
    for (let i = 0; i < t.numRows; i++) {
      const id = ids.get(i) as bigint;
      if (current === undefined || current.meta.timeseries_id !== id) {
        current = year.get(id) ?? seriesOf(year, {
          station_id: stations.get(i) as bigint,
          station_label: String(stationLabels.get(i) ?? ""),
          phenomenon_id: Number(phenomena.get(i)),
          phenomenon_label: String(phenomenonLabels.get(i) ?? ""),
          timeseries_id: id,
        });
      }
      addHourlyValue(current, values.get(i) as number | null);
    }
  }
}

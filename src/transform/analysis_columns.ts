/**
 * The analysis-ready columns appended to the clean tables after the SQL (nothing of it is
 * removed or renamed): `date` as a DATE inside the file (the partition's day), `station_code`
 * and `pollutant` in both tables, and in measurements_hourly `hour_start`/`hour_end` as
 * TIMESTAMP(millisecond, UTC), `hour_end` being the instant of `timestamp_ms`. Pure.
 */
import type * as ArrowTypes from "apache-arrow";
import { arrow, type ArrowTable } from "../duckdb.ts";
import { pollutantCode, stationCode } from "../lake/pollutant_codes.ts";

const HOUR_MS = 3_600_000n;
const DAY_MS = 86_400_000;

/** A Utf8 column computed once per distinct key (labels and ids repeat row after row). */
function mapped<K>(keys: Iterable<K>, n: number, f: (k: K) => string | null): ArrowTypes.Vector {
  const cache = new Map<K, string | null>();
  const out: (string | null)[] = new Array(n);
  let i = 0;
  for (const k of keys) {
    if (!cache.has(k)) cache.set(k, f(k));
    out[i++] = cache.get(k)!;
  }
  return arrow.vectorFromArray(out, new arrow.Utf8());
}

function timestamps(data: BigInt64Array): ArrowTypes.Vector {
  const type = new arrow.TimestampMillisecond("UTC");
  return arrow.makeVector(arrow.makeData({ type, length: data.length, nullCount: 0, data }));
}

/** `table` (a clean table from the SQL) with the analysis columns of `date` appended. */
export function withAnalysisColumns(
  table: ArrowTable,
  options: { date: string; hourly: boolean },
): ArrowTable {
  const n = table.numRows;
  const days = Date.parse(`${options.date}T00:00:00Z`) / DAY_MS;
  if (!Number.isInteger(days)) throw new RangeError(`Invalid date: "${options.date}"`);
  const dateType = new arrow.DateDay();
  const date = arrow.makeVector(
    arrow.makeData({ type: dateType, length: n, nullCount: 0, data: new Int32Array(n).fill(days) }),
  );
  const labels = table.getChild("station_label")!;
  const phenomena = table.getChild("phenomenon_id")!;
  const columns: Record<string, ArrowTypes.Vector> = {
    date,
    station_code: mapped(labels as Iterable<string | null>, n, stationCode),
    pollutant: mapped(phenomena as Iterable<number>, n, pollutantCode),
  };
  if (options.hourly) {
    const end = BigInt64Array.from(table.getChild("timestamp_ms")! as Iterable<bigint>);
    columns.hour_start = timestamps(end.map((t) => t - HOUR_MS));
    columns.hour_end = timestamps(end);
  }
  return table.assign(new arrow.Table(columns));
}

/**
 * Test helper: publish a day's two daily clean partitions (measurements_hourly, then
 * aggregate_station_by_day) from hourly values, with the daily means computed here by the
 * transform's rule (mean of the non-NULL values; valid with 18 of 24 hours).
 */
import type { DataType } from "apache-arrow";
import { arrow } from "../../src/duckdb.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { publishPartition } from "../../src/lake/publish_partition.ts";
import { writeParquet } from "../../src/parquet.ts";
import { dayWindow } from "../../src/time/day_window.ts";

/** One series of a day: its identity and one value (or null) per hour of the day. */
export interface DaySeries {
  stationId: number;
  stationLabel?: string;
  phenomenonId: number;
  timeseriesId: number;
  /** One entry per hour of the local day (23, 24 or 25); shorter arrays end in missing hours. */
  values: (number | null)[];
}

const LABELS: Record<number, string> = {
  5: "Particulate Matter < 10 µm",
  6001: "Particulate Matter < 2.5 µm",
  8: "Nitrogen dioxide",
  1: "Sulphur dioxide",
  7: "Ozone",
};

function table(columns: Record<string, [unknown[], DataType]>) {
  const vectors: Record<string, ReturnType<typeof arrow.vectorFromArray>> = {};
  for (const [name, [values, type]] of Object.entries(columns)) {
    vectors[name] = arrow.vectorFromArray(values, type) as ReturnType<typeof arrow.vectorFromArray>;
  }
  return new arrow.Table(vectors);
}

/** Publish `series` as the two clean partitions of `date` (sorted like the transform's). */
export async function publishCleanDay(
  store: ObjectStore,
  date: string,
  series: DaySeries[],
  timezone = "Europe/Brussels",
): Promise<void> {
  const w = dayWindow(date, timezone);
  const sorted = [...series].sort((a, b) =>
    a.stationId - b.stationId || a.phenomenonId - b.phenomenonId ||
    a.timeseriesId - b.timeseriesId
  );
  const h: Record<string, unknown[]> = { sid: [], sl: [], pid: [], pl: [], tid: [], ts: [], v: [] };
  const d: Record<string, unknown[]> = {
    sid: [],
    sl: [],
    pid: [],
    pl: [],
    tid: [],
    avg: [],
    n: [],
    valid: [],
  };
  for (const s of sorted) {
    const label = s.stationLabel ?? `Station ${s.stationId}`;
    const present: number[] = [];
    for (let i = 0; i < w.hours; i++) {
      const v = s.values[i] ?? null;
      h.sid!.push(BigInt(s.stationId));
      h.sl!.push(label);
      h.pid!.push(s.phenomenonId);
      h.pl!.push(LABELS[s.phenomenonId] ?? "Other");
      h.tid!.push(BigInt(s.timeseriesId));
      h.ts!.push(BigInt(w.startMs + (i + 1) * 3_600_000));
      h.v!.push(v);
      if (v !== null) present.push(v);
    }
    if (present.length === 0) continue;
    d.sid!.push(BigInt(s.stationId));
    d.sl!.push(label);
    d.pid!.push(s.phenomenonId);
    d.pl!.push(LABELS[s.phenomenonId] ?? "Other");
    d.tid!.push(BigInt(s.timeseriesId));
    d.avg!.push(present.reduce((a, b) => a + b, 0) / present.length);
    d.n!.push(present.length);
    d.valid!.push(present.length >= Math.ceil(0.75 * w.hours));
  }
  const A = arrow;
  const hourly = table({
    station_id: [h.sid!, new A.Int64()],
    station_label: [h.sl!, new A.Utf8()],
    phenomenon_id: [h.pid!, new A.Int32()],
    phenomenon_label: [h.pl!, new A.Utf8()],
    timeseries_id: [h.tid!, new A.Int64()],
    timestamp_ms: [h.ts!, new A.Int64()],
    value: [h.v!, new A.Float64()],
  });
  const n = d.n!.length;
  const daily = table({
    station_id: [d.sid!, new A.Int64()],
    station_label: [d.sl!, new A.Utf8()],
    phenomenon_id: [d.pid!, new A.Int32()],
    phenomenon_label: [d.pl!, new A.Utf8()],
    timeseries_id: [d.tid!, new A.Int64()],
    avg_value: [d.avg!, new A.Float64()],
    value_count: [d.n!, new A.Int32()],
    expected_count: [Array(n).fill(w.hours), new A.Int32()],
    is_valid: [d.valid!, new A.Bool()],
    day_timezone: [Array(n).fill(timezone), new A.Utf8()],
  });
  const source = { sourceManifestSha256: "cd".repeat(32) };
  await publishPartition(store, { table: "measurements_hourly", date }, writeParquet(hourly), {
    ...source,
    rows: hourly.numRows,
  });
  await publishPartition(store, { table: "aggregate_station_by_day", date }, writeParquet(daily), {
    ...source,
    rows: daily.numRows,
  });
}

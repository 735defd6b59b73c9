/** Test inputs for the report: aggregate rows, a sample network and published partitions. */
import type { DataType } from "apache-arrow";
import { arrow, type ArrowTable } from "../../src/duckdb.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { writeParquet } from "../../src/parquet.ts";
import type { AggregateRow } from "../../src/report/model/aggregate_row.ts";
import { publishPartition } from "../../src/lake/publish_partition.ts";

/** One aggregate row with sensible defaults (24 of 24 hours, valid). */
export function row(overrides: Partial<AggregateRow> = {}): AggregateRow {
  return {
    station_id: 1001,
    station_label: "40AL01 - Linkeroever",
    longitude: 4.385,
    latitude: 51.236,
    phenomenon_id: 6001,
    phenomenon_label: "Particulate Matter < 2.5 µm",
    timeseries_id: 6001001,
    uom: "µg/m³",
    avg_value: 10,
    min_value: 5,
    max_value: 15,
    value_count: 24,
    expected_count: 24,
    coverage: 1,
    is_valid: true,
    day_timezone: "Europe/Brussels",
    ...overrides,
  };
}

/** A station label that tries every injection trick. */
export const HOSTILE_LABEL =
  `<script>alert("x")</script><img src=x onerror=alert(1)> "O'Brien" \u0007\u202e`;

const STATIONS: [number, string, number, number][] = [
  [1001, "40AL01 - Linkeroever", 4.385, 51.236],
  [1002, "41R001 - Molenbeek", 4.334, 50.848],
  [1003, "44R701 - Gent", 3.73, 51.06],
  [1004, "42R010 - Borgerhout", 4.432, 51.209],
  [1005, "43N063 - Corroy-le-Grand", 4.676, 50.665],
  [1006, "45R502 - Liège", 5.571, 50.615],
  [1007, HOSTILE_LABEL, 4.7, 50.88],
];

const PHENOMENA: [number, string, number][] = [
  [6001, "Particulate Matter < 2.5 µm", 12],
  [5, "Particulate Matter < 10 µm", 24],
  [8, "Nitrogen dioxide", 22],
  [7, "Ozone", 48],
];

/** A deterministic sample network for `date`: every station × phenomenon, varied values. */
export function sampleRows(date: string, dayIndex = 0): AggregateRow[] {
  const rows: AggregateRow[] = [];
  STATIONS.forEach(([id, label, lon, lat], s) => {
    PHENOMENA.forEach(([ph, phLabel, base], p) => {
      const wave = Math.sin((s + 1) * 1.7 + (p + 1) * 0.9 + dayIndex * 0.8);
      const avg = Math.round((base * (1 + 0.55 * wave)) * 10) / 10;
      const count = (s * 7 + p * 3 + dayIndex) % 11 === 0 ? 14 : 24 - ((s + p + dayIndex) % 3);
      rows.push(row({
        station_id: id,
        station_label: label,
        longitude: lon,
        latitude: lat,
        phenomenon_id: ph,
        phenomenon_label: phLabel,
        timeseries_id: id * 10_000 + ph,
        avg_value: avg,
        min_value: Math.round(avg * 0.45 * 10) / 10,
        max_value: Math.round(avg * 1.7 * 10) / 10,
        value_count: count,
        coverage: count / 24,
        is_valid: count >= 18,
      }));
    });
  });
  void date;
  return rows;
}

/** The aggregate rows as an Arrow table with the clean table's exact types. */
function toArrow(rows: AggregateRow[]): ArrowTable {
  const col = <T>(f: (r: AggregateRow) => T, type: DataType) =>
    arrow.vectorFromArray(rows.map(f), type);
  return new arrow.Table<Record<string, DataType>>({
    station_id: col((r) => BigInt(r.station_id), new arrow.Int64()),
    station_label: col((r) => r.station_label, new arrow.Utf8()),
    longitude: col((r) => r.longitude, new arrow.Float64()),
    latitude: col((r) => r.latitude, new arrow.Float64()),
    phenomenon_id: col((r) => r.phenomenon_id, new arrow.Int32()),
    phenomenon_label: col((r) => r.phenomenon_label, new arrow.Utf8()),
    timeseries_id: col((r) => BigInt(r.timeseries_id), new arrow.Int64()),
    uom: col((r) => r.uom, new arrow.Utf8()),
    avg_value: col((r) => r.avg_value, new arrow.Float64()),
    min_value: col((r) => r.min_value, new arrow.Float64()),
    max_value: col((r) => r.max_value, new arrow.Float64()),
    value_count: col((r) => r.value_count, new arrow.Int32()),
    expected_count: col((r) => r.expected_count, new arrow.Int32()),
    coverage: col((r) => r.coverage, new arrow.Float64()),
    is_valid: col((r) => r.is_valid, new arrow.Bool()),
    day_timezone: col((r) => r.day_timezone, new arrow.Utf8()),
  });
}

/** Publish `rows` as the aggregate_station_by_day partition of `date` (Parquet, then _SUCCESS). */
export async function publishAggregates(
  store: ObjectStore,
  date: string,
  rows: AggregateRow[],
  sourceManifestSha256 = "ab".repeat(32),
): Promise<void> {
  const parquet = writeParquet(toArrow(rows));
  await publishPartition(store, { table: "aggregate_station_by_day", date }, parquet, {
    rows: rows.length,
    sourceManifestSha256,
    selection: { phenomena: [1, 5, 8, 71, 6001], near: null },
  });
}

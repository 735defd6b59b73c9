/**
 * Test helper: publish clean/aggregate_station_by_day partitions (Parquet via parquet-wasm +
 * `_SUCCESS`) exactly as the transform's contract describes, into any ObjectStore.
 */
import {
  Bool,
  Float64,
  Int32,
  Int64,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import * as pw from "parquet-wasm";
import { cleanParquetKey, cleanSuccessKey } from "../../src/lake/layout.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import type { SuccessMarker } from "../../src/lake/success_marker.ts";

/** One aggregate row as the transform writes it (INT64 columns as bigint). */
export interface AggRow {
  station_id: bigint;
  station_label: string;
  longitude: number | null;
  latitude: number | null;
  phenomenon_id: number;
  phenomenon_label: string;
  timeseries_id: bigint;
  uom: string | null;
  avg_value: number;
  min_value: number;
  max_value: number;
  value_count: number;
  expected_count: number;
  coverage: number;
  is_valid: boolean;
  day_timezone: string;
}

/** A realistic row; `i` varies the ids and values. */
export function aggRow(i: number, overrides: Partial<AggRow> = {}): AggRow {
  return {
    station_id: BigInt(1000 + i),
    station_label: `40AB0${i} - Station ${i}`,
    longitude: 4.35 + i / 100,
    latitude: i % 3 === 0 ? null : 50.85,
    phenomenon_id: 5,
    phenomenon_label: "Particulate Matter < 10 µm",
    timeseries_id: BigInt(6000 + i),
    uom: i % 4 === 0 ? null : "µg/m³",
    avg_value: 12 + i * 0.25,
    min_value: 3,
    max_value: 30.5 + i,
    value_count: 24 - (i % 7),
    expected_count: 24,
    coverage: (24 - (i % 7)) / 24,
    is_valid: 24 - (i % 7) >= 18,
    day_timezone: "Europe/Brussels",
    ...overrides,
  };
}

/** Encode rows as Parquet (SNAPPY) with the clean table's column types. */
export function aggregateParquet(rows: AggRow[]): Uint8Array {
  const pick = <K extends keyof AggRow>(k: K) => rows.map((r) => r[k]);
  const table = new Table({
    station_id: vectorFromArray(pick("station_id"), new Int64()),
    station_label: vectorFromArray(pick("station_label"), new Utf8()),
    longitude: vectorFromArray(pick("longitude"), new Float64()),
    latitude: vectorFromArray(pick("latitude"), new Float64()),
    phenomenon_id: vectorFromArray(pick("phenomenon_id"), new Int32()),
    phenomenon_label: vectorFromArray(pick("phenomenon_label"), new Utf8()),
    timeseries_id: vectorFromArray(pick("timeseries_id"), new Int64()),
    uom: vectorFromArray(pick("uom"), new Utf8()),
    avg_value: vectorFromArray(pick("avg_value"), new Float64()),
    min_value: vectorFromArray(pick("min_value"), new Float64()),
    max_value: vectorFromArray(pick("max_value"), new Float64()),
    value_count: vectorFromArray(pick("value_count"), new Int32()),
    expected_count: vectorFromArray(pick("expected_count"), new Int32()),
    coverage: vectorFromArray(pick("coverage"), new Float64()),
    is_valid: vectorFromArray(pick("is_valid"), new Bool()),
    day_timezone: vectorFromArray(pick("day_timezone"), new Utf8()),
  });
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).build();
  return pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, "stream")), props);
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Write one partition (Parquet, then `_SUCCESS`); returns the marker. */
export async function publishAggregate(
  store: ObjectStore,
  date: string,
  rows: AggRow[],
): Promise<SuccessMarker> {
  const bytes = aggregateParquet(rows);
  const sha = await sha256Hex(bytes);
  const key = cleanParquetKey("aggregate_station_by_day", date);
  await store.put(key, bytes);
  const marker: SuccessMarker = {
    marker_version: 1,
    airq_version: "test",
    table: "aggregate_station_by_day",
    date,
    rows: rows.length,
    files: [{ key, sha256: sha, bytes: bytes.byteLength, rows: rows.length }],
    source_manifest_sha256: "0".repeat(64),
  };
  await store.put(
    cleanSuccessKey("aggregate_station_by_day", date),
    new TextEncoder().encode(JSON.stringify(marker)),
  );
  return marker;
}

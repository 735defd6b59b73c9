/**
 * Encode compliance rows as the Parquet file of clean/compliance_station_by_year: the
 * column order and types are the table's contract (docs/lake.md). Same rows, same bytes.
 */
import { arrow } from "../duckdb.ts";
import { writeParquet } from "../parquet.ts";
import type { ComplianceRow } from "./evaluate.ts";

type Column = keyof ComplianceRow;
type ArrowType = InstanceType<typeof arrow.DataType>;
type AnyVector = InstanceType<typeof arrow.Vector>;

/** The table's columns, in order, with their Arrow types. */
const COLUMNS: readonly [Column, () => ArrowType][] = [
  ["year", () => new arrow.Int32()],
  ["station_id", () => new arrow.Int64()],
  ["station_label", () => new arrow.Utf8()],
  ["phenomenon_id", () => new arrow.Int32()],
  ["phenomenon_label", () => new arrow.Utf8()],
  ["timeseries_id", () => new arrow.Int64()],
  ["standard", () => new arrow.Utf8()],
  ["averaging_period", () => new arrow.Utf8()],
  ["threshold", () => new arrow.Float64()],
  ["allowed_exceedances", () => new arrow.Int32()],
  ["exceedances", () => new arrow.Int32()],
  ["annual_mean", () => new arrow.Float64()],
  ["valid_days", () => new arrow.Int32()],
  ["valid_hours", () => new arrow.Int32()],
  ["hours_elapsed", () => new arrow.Int32()],
  ["data_capture", () => new arrow.Float64()],
  ["last_date", () => new arrow.Utf8()],
  ["year_complete", () => new arrow.Bool()],
  ["status", () => new arrow.Utf8()],
];

/** Names of the table's columns, in order. */
export const COMPLIANCE_COLUMN_NAMES: readonly string[] = COLUMNS.map(([name]) => name);

/** Parquet bytes of `rows` (in the given order). */
export function complianceParquet(rows: readonly ComplianceRow[]): Uint8Array {
  const vectors: Record<string, AnyVector> = {};
  for (const [name, type] of COLUMNS) {
    vectors[name] = arrow.vectorFromArray(rows.map((r) => r[name]) as unknown[], type());
  }
  return writeParquet(new arrow.Table(vectors));
}

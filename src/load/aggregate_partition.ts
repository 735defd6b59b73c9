/**
 * Rows of one published clean partition for the loader (aggregate_station_by_day or
 * compliance_station_by_year). The `_SUCCESS` and sha256 checks are the lake's
 * readPublishedPartition(); this adds the Parquet decoding (hyparquet) and checks the
 * decoded row counts against `_SUCCESS`.
 */
import { rebuildYearCommand, taskCommand } from "../config/task_command.ts";
import { parquetReadObjects } from "hyparquet";
import { LakeError } from "../errors.ts";
import type { ObjectStore } from "../lake/object_store.ts";
import type { SuccessMarker } from "../lake/success_marker.ts";
import { readPublishedPartition } from "../lake/read_partition.ts";

/** One verified partition: its marker and every row of its files (INT64 as bigint). */
export interface AggregatePartition {
  date: string;
  marker: SuccessMarker;
  rows: Record<string, unknown>[];
  /** Keys of the Parquet files read, for messages. */
  files: string[];
}

/** Read, verify and decode the partition of `date`; LakeError when it is missing or unusable. */
export function readAggregatePartition(
  store: ObjectStore,
  date: string,
): Promise<AggregatePartition> {
  return readLoadPartition(store, "aggregate_station_by_day", date);
}

const RERUN = {
  aggregate_station_by_day: (date: string, lake: string) =>
    taskCommand("transform", { date, lake }),
  compliance_station_by_year: (year: string, lake: string) => rebuildYearCommand(year, lake),
};

/** Read, verify and decode one partition of `table`; LakeError when it is unusable. */
export async function readLoadPartition(
  store: ObjectStore,
  table: keyof typeof RERUN,
  date: string,
): Promise<AggregatePartition> {
  const { marker, files } = await readPublishedPartition(store, table, date);
  const fail = (why: string): never => {
    throw new LakeError(
      `Cannot load ${date}: ${why}: rerun "${RERUN[table](date, store.location)}"`,
    );
  };
  const rows: Record<string, unknown>[] = [];
  for (const f of files) {
    const file = f.bytes.buffer.slice(f.bytes.byteOffset, f.bytes.byteOffset + f.bytes.byteLength);
    const fileRows = await parquetReadObjects({ file: file as ArrayBuffer }) as Record<
      string,
      unknown
    >[];
    if (fileRows.length !== f.rows) {
      fail(`"${f.key}" has ${fileRows.length} rows, _SUCCESS says ${f.rows}`);
    }
    rows.push(...fileRows);
  }
  if (rows.length !== marker.rows) {
    fail(`its files have ${rows.length} rows, _SUCCESS says ${marker.rows}`);
  }
  return { date, marker, rows, files: files.map((f) => f.key) };
}

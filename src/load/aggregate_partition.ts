/**
 * Rows of one published clean/aggregate_station_by_day partition for the loader. The
 * `_SUCCESS` and sha256 checks are the lake's readPublishedPartition(); this adds the
 * Parquet decoding (hyparquet) and checks the decoded row counts against `_SUCCESS`.
 */
import { taskCommand } from "../config/task_command.ts";
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
export async function readAggregatePartition(
  store: ObjectStore,
  date: string,
): Promise<AggregatePartition> {
  const { marker, files } = await readPublishedPartition(store, "aggregate_station_by_day", date);
  const fail = (why: string): never => {
    throw new LakeError(
      `Cannot load ${date}: ${why}: rerun "${
        taskCommand("transform", { date, lake: store.location })
      }"`,
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

/**
 * Parquet without the DuckDB parquet extension: parquet-wasm writes (from Arrow IPC,
 * SNAPPY, one row group per 64k rows, deterministic bytes) and hyparquet reads back.
 *
 * The bytes are a function of the Arrow table (content, schema and record batches) and of the
 * writer settings pinned below; the transform always writes one day's DuckDB result.
 */
import * as pw from "parquet-wasm";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { arrow, type ArrowTable } from "./duckdb.ts";

/** One leaf column of a Parquet file. */
export interface ParquetColumn {
  name: string;
  /** Physical type: INT64, INT32, DOUBLE, BYTE_ARRAY, BOOLEAN, … */
  type: string;
  /** Logical type name when set, e.g. STRING. */
  logicalType: string | undefined;
}

/** A Parquet file read back whole. INT64 columns come back as bigint. */
export interface ParquetContent {
  columns: ParquetColumn[];
  rows: Record<string, unknown>[];
}

/** Encode an Arrow table (from the shared instance) as Parquet bytes. */
export function writeParquet(table: ArrowTable): Uint8Array {
  // parquet-wasm consumes (frees) the properties object, so build one per call.
  const writerProperties = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.SNAPPY)
    .setMaxRowGroupSize(65_536)
    .setWriteBatchSize(1024)
    .setDataPageSizeLimit(1024 * 1024)
    .setDictionaryPageSizeLimit(1024 * 1024)
    .setCreatedBy("airq")
    .build();
  const ipc = arrow.tableToIPC(table, "stream");
  return pw.writeParquet(pw.Table.fromIPCStream(ipc), writerProperties);
}

/** Decode Parquet bytes: leaf columns and every row as an object. */
export async function readParquet(bytes: Uint8Array): Promise<ParquetContent> {
  const file = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  const columns = metadata.schema.slice(1).map((el) => ({
    name: el.name,
    type: el.type ?? "GROUP",
    logicalType: el.logical_type?.type,
  }));
  const rows = await parquetReadObjects({ file, metadata }) as Record<string, unknown>[];
  return { columns, rows };
}

/** Decode Parquet bytes into an Arrow table of the shared instance (e.g. to load into DuckDB). */
export function readParquetArrow(bytes: Uint8Array): ArrowTable {
  return arrow.tableFromIPC(pw.readParquet(bytes).intoIPCStream());
}

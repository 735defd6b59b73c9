/**
 * Independent readers of a lake for the tests: the Python scripts of tests/lake_readers/,
 * run with native DuckDB and pyarrow from PyPI (.tools/venv-readers, installed by
 * .ci/setup/75-lake-readers.sh). They know nothing of `_SUCCESS`, as an analyst's glob.
 */
const ROOT = new URL("../../", import.meta.url).pathname;
const PYTHON = `${ROOT}.tools/venv-readers/bin/python`;

/** Run `tests/lake_readers/<script>` with `args`; its stdout parsed as JSON. */
export async function runLakeReader<T>(script: string, args: string[]): Promise<T> {
  try {
    await Deno.stat(PYTHON);
  } catch {
    throw new Error(`Cannot run ${script}: ${PYTHON} is missing: run .ci/setup/75-lake-readers.sh`);
  }
  const out = await new Deno.Command(PYTHON, {
    args: [`${ROOT}tests/lake_readers/${script}`, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  if (out.code !== 0) throw new Error(`Cannot run ${script}: exit ${out.code}: ${stderr}`);
  return JSON.parse(new TextDecoder().decode(out.stdout)) as T;
}

/** Every file a plain DuckDB glob of clean/*\/date=*\/*.parquet reads, with its rows. */
export function globbedFiles(lakeDir: string): Promise<{ file: string; rows: number }[]> {
  return runLakeReader("glob_files.py", [lakeDir]);
}

/** What native DuckDB and pyarrow see of one Parquet file's analysis columns. */
export interface ColumnsSeen {
  duckdb: { types: Record<string, string>; rows: Record<string, unknown>[] };
  pyarrow: { types: Record<string, string>; rows: Record<string, unknown>[] };
  /** The whole table folder as a pyarrow dataset with typed Hive partitioning. */
  dataset: { date: string; rows: number };
}

/** Read one clean Parquet file with native DuckDB and pyarrow (read_columns.py). */
export function readColumns(file: string): Promise<ColumnsSeen> {
  return runLakeReader("read_columns.py", [file]);
}

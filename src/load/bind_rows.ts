/**
 * Turn decoded Parquet rows of one partition into bind rows for `insertSql()`. Checks
 * every value against its column (SyntaxError names the file, row and field) and the
 * primary key for duplicates, since Snowflake would not. Pure.
 */
import { AGGREGATE_TABLE, type Bind, type LoadColumn, type LoadTableSpec } from "./sql.ts";

/** Options of toBindRows(). */
export interface BindRowsOptions {
  /** The partition (date `YYYY-MM-DD`, or year), bound to the partition column. */
  date: string;
  /** TIMESTAMP_NTZ text bound to `loaded_at` (see timestampNtz()). */
  loadedAt: string;
  /** File name for error messages. */
  where: string;
  /** The loaded table (default: the daily aggregates). */
  spec?: LoadTableSpec;
}

function bindValue(value: unknown, c: LoadColumn, fail: (why: string) => never): Bind {
  if (value === null || value === undefined) return c.nullable ? null : fail("is null");
  switch (c.kind) {
    case "bigint":
    case "integer": {
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
      return fail(`is not an integer: ${JSON.stringify(String(value))}`);
    }
    case "double": {
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      return fail(`is not a finite number: ${JSON.stringify(String(value))}`);
    }
    case "varchar":
      return typeof value === "string" ? value : fail("is not a string");
    case "boolean":
      return typeof value === "boolean" ? String(value) : fail("is not a boolean");
  }
}

/** Bind rows (Parquet columns, then the partition, then loaded_at) for one partition's rows. */
export function toBindRows(
  rows: readonly Record<string, unknown>[],
  options: BindRowsOptions,
): Bind[][] {
  const spec = options.spec ?? AGGREGATE_TABLE;
  const seen = new Map<string, number>();
  const keyIdx = spec.key.map((k) => spec.columns.findIndex((c) => c.name === k));
  return rows.map((row, index) => {
    const binds = spec.columns.map((c) =>
      bindValue(row[c.name], c, (why) => {
        throw new SyntaxError(
          `Cannot load "${options.where}": row ${index} column "${c.name}" ${why}`,
        );
      })
    );
    const key = keyIdx.map((i) => binds[i]).join("/");
    const first = seen.get(key);
    if (first !== undefined) {
      throw new SyntaxError(
        `Cannot load "${options.where}": rows ${first} and ${index} repeat the primary key ` +
          `(${spec.key.join(", ")}) = (${key.replaceAll("/", ", ")})`,
      );
    }
    seen.set(key, index);
    binds.push(options.date, options.loadedAt);
    return binds;
  });
}

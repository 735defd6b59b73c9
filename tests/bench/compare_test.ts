/**
 * bench/compare.py (run with .tools/venv-bench's Python): the agreement check covers both
 * clean tables, airq's columns and their types. It must see a missing row, a differing value
 * or raw text, a differing count, an average off by more than 1e-9, a wrong station_code,
 * pollutant or hour_start; refuse a wrong type (also a timestamp unit DESCRIBE does not show),
 * a missing or extra column, another order, a file `date` that is not its folder's; and
 * accept a difference below 1e-9 and a `date` kept in the hive folder only (Spark).
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
const PYTHON = `${ROOT}.tools/venv-bench/bin/python`;

async function python(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(PYTHON, { args, stdout: "piped", stderr: "piped" }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/** Columns as DuckDB types; TIMESTAMP_MS is written as airq's TIMESTAMP(MILLIS, UTC). */
type Columns = [string, string][];
type Row = Record<string, string | number | boolean | null>;

const META: Columns = [
  ["station_id", "BIGINT"],
  ["station_label", "VARCHAR"],
  ["longitude", "DOUBLE"],
  ["latitude", "DOUBLE"],
  ["phenomenon_id", "INTEGER"],
  ["phenomenon_label", "VARCHAR"],
  ["timeseries_id", "BIGINT"],
  ["uom", "VARCHAR"],
];
const ANALYSIS: Columns = [["date", "DATE"], ["station_code", "VARCHAR"], ["pollutant", "VARCHAR"]];
const HOURLY_COLUMNS: Columns = [
  ...META,
  ["timestamp_ms", "BIGINT"],
  ["datetime", "VARCHAR"],
  ["value", "DOUBLE"],
  ["raw_value", "VARCHAR"],
  ...ANALYSIS,
  ["hour_start", "TIMESTAMP_MS"],
  ["hour_end", "TIMESTAMP_MS"],
];
const AGGREGATE_COLUMNS: Columns = [
  ...META,
  ["avg_value", "DOUBLE"],
  ["min_value", "DOUBLE"],
  ["max_value", "DOUBLE"],
  ["value_count", "INTEGER"],
  ["expected_count", "INTEGER"],
  ["coverage", "DOUBLE"],
  ["is_valid", "BOOLEAN"],
  ["day_timezone", "VARCHAR"],
  ...ANALYSIS,
];

/** One table to write: <dir>/date=<folder>/data_0.parquet per folder (a row's `date` unless
 * it names another `folder`), `date` in the files unless dateInFile is false. */
interface TableSpec {
  dir: string;
  columns: Columns;
  rows: Row[];
  dateInFile: boolean;
}

/** Writes every table in one Python process (DuckDB, hive folders by hand). */
async function writeTables(specs: TableSpec[]) {
  const script = `
import duckdb, json, os, sys
for spec in json.loads(sys.argv[1]):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    columns = spec["columns"]
    con.execute("CREATE TABLE t (" + ", ".join(f'"{n}" {t}' for n, t in columns)
                + ", folder VARCHAR)")
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * (len(columns) + 1))})",
                    [[r.get(n) for n, _ in columns] + [r.get("folder", r.get("date"))]
                     for r in spec["rows"]])
    drop = "folder" if spec["dateInFile"] else "folder, date"
    for (folder,) in con.execute("SELECT DISTINCT folder FROM t").fetchall():
        os.makedirs(f"{spec['dir']}/date={folder}")
        con.execute(f"COPY (SELECT * EXCLUDE ({drop}) FROM t WHERE folder = '{folder}') "
                    f"TO '{spec['dir']}/date={folder}/data_0.parquet' "
                    "(FORMAT parquet, TIMESTAMP_IS_ADJUSTED_TO_UTC true)")
`;
  const r = await python(["-c", script, JSON.stringify(specs)]);
  assert.equal(r.code, 0, r.stderr);
}

const SERIES: Row = {
  station_id: 5000,
  station_label: "40AL01 - Linkeroever",
  longitude: 4.385,
  latitude: 51.236,
  phenomenon_id: 5,
  phenomenon_label: "Particulate Matter < 10 µm",
  timeseries_id: 200000,
  uom: "µg/m³",
  station_code: "40AL01",
  pollutant: "PM10",
};

/** UTC text of epoch ms, for a TIMESTAMP_MS column. */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

function hour(date: string, stamp: number, datetime: string, value: number | null, raw: string) {
  return {
    ...SERIES,
    timestamp_ms: stamp,
    datetime,
    value,
    raw_value: raw,
    date,
    hour_start: utc(stamp - 3_600_000),
    hour_end: utc(stamp),
  };
}

function day(date: string, avg: number, count: number): Row {
  return {
    ...SERIES,
    avg_value: avg,
    min_value: 18,
    max_value: 20.5,
    value_count: count,
    expected_count: 24,
    coverage: count / 24,
    is_valid: false,
    day_timezone: "Europe/Brussels",
    date,
  };
}

const HOURLY: Row[] = [
  hour("2024-01-01", 1704070800000, "2024-01-01T02:00:00+01:00", 20.5, "20.5"),
  hour("2024-01-01", 1704074400000, "2024-01-01T03:00:00+01:00", null, "NaN"),
  hour("2024-01-02", 1704157200000, "2024-01-02T02:00:00+01:00", 18, "18"),
];
const AGGREGATE: Row[] = [day("2024-01-01", 20.5, 1), day("2024-01-02", 18, 1)];

/** A baseline's two tables: airq's unless given. */
interface Output {
  hourly?: Row[];
  aggregate?: Row[];
  hourlyColumns?: Columns;
  aggregateColumns?: Columns;
  dateInFile?: boolean;
}

/** Writes airq's tables and the baselines', runs compare.py over 2024-01-01..02. */
async function compare(dir: string, baselines: Record<string, Output>) {
  const outputs: Record<string, Output> = { airq: {}, ...baselines };
  await writeTables(
    Object.entries(outputs).flatMap(([name, o]) => [
      {
        dir: `${dir}/${name}/measurements_hourly`,
        columns: o.hourlyColumns ?? HOURLY_COLUMNS,
        rows: o.hourly ?? HOURLY,
        dateInFile: o.dateInFile ?? true,
      },
      {
        dir: `${dir}/${name}/aggregate_station_by_day`,
        columns: o.aggregateColumns ?? AGGREGATE_COLUMNS,
        rows: o.aggregate ?? AGGREGATE,
        dateInFile: o.dateInFile ?? true,
      },
    ]),
  );
  const r = await python([
    `${ROOT}bench/compare.py`,
    ...["--from", "2024-01-01", "--to", "2024-01-02"],
    ...Object.keys(outputs).flatMap((name) => [`--${name}`, `${dir}/${name}`]),
  ]);
  assert.equal(r.stderr, "");
  return { code: r.code, result: JSON.parse(r.stdout) };
}

async function inTempDir(f: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "airq-bench-compare-" });
  try {
    await f(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** `rows` with row i changed. */
function change(rows: Row[], i: number, changes: Row): Row[] {
  return rows.map((r, j) => j === i ? { ...r, ...changes } : r);
}

Deno.test("compare.py agrees within 1e-9, with `date` in the files or in the folder only", async () => {
  await inTempDir(async (dir) => {
    const close = change(AGGREGATE, 0, { avg_value: 20.5 + 4e-10 });
    const same = await compare(dir, {
      polars: { aggregate: close },
      pyspark: { aggregate: close, dateInFile: false },
    });
    assert.equal(same.code, 0, JSON.stringify(same.result));
    assert.equal(same.result.agree, true);
    assert.deepEqual(same.result.rows, {
      measurements_hourly: { airq: 3, pyspark: 3, polars: 3 },
      aggregate_station_by_day: { airq: 2, pyspark: 2, polars: 2 },
    });
    assert.deepEqual(same.result.values, { airq: 2, pyspark: 2, polars: 2 });
    for (const table of ["measurements_hourly", "aggregate_station_by_day"]) {
      const checks = same.result.checks[table];
      assert.equal(checks.airq_vs_polars.date_in_file, true);
      assert.equal(checks.airq_vs_pyspark.date_in_file, false);
    }
  });
});

Deno.test("compare.py reports missing rows and differing values in both tables", async () => {
  await inTempDir(async (dir) => {
    const hourly = [
      { ...HOURLY[0]!, raw_value: "20.50" }, // same value, other JSON text
      { ...HOURLY[1]!, value: 0 }, // a missing value that is not NULL
    ];
    const aggregate = change(change(AGGREGATE, 0, { avg_value: 20.5 + 2e-9 }), 1, {
      value_count: 2,
      coverage: 2 / 24,
    });
    const differ = await compare(dir, { polars: { hourly, aggregate } });
    assert.equal(differ.code, 1);
    assert.equal(differ.result.agree, false);
    const h = differ.result.checks.measurements_hourly.airq_vs_polars;
    assert.deepEqual([h.only_in_airq, h.only_in_polars, h.differing_rows], [1, 0, 2]);
    assert.deepEqual(h.differing_columns, { value: 1, raw_value: 1 });
    const a = differ.result.checks.aggregate_station_by_day.airq_vs_polars;
    assert.deepEqual([a.only_in_airq, a.only_in_polars, a.differing_rows], [0, 0, 2]);
    assert.deepEqual(a.differing_columns, { avg_value: 1, value_count: 1, coverage: 1 });
  });
});

Deno.test("compare.py reports a wrong station_code, pollutant or hour_start", async () => {
  await inTempDir(async (dir) => {
    let hourly = change(HOURLY, 0, { station_code: "40AL01 - Linkeroever" });
    hourly = change(hourly, 1, { pollutant: null });
    hourly = change(hourly, 2, { hour_start: HOURLY[2]!.hour_end! }); // the hour's end
    const aggregate = change(change(AGGREGATE, 0, { station_code: null }), 1, {
      pollutant: "PM2.5",
    });
    const differ = await compare(dir, { duckdb: { hourly, aggregate } });
    assert.equal(differ.code, 1);
    const h = differ.result.checks.measurements_hourly.airq_vs_duckdb;
    assert.deepEqual([h.only_in_airq, h.only_in_duckdb, h.differing_rows], [0, 0, 3]);
    assert.deepEqual(h.differing_columns, { station_code: 1, pollutant: 1, hour_start: 1 });
    const a = differ.result.checks.aggregate_station_by_day.airq_vs_duckdb;
    assert.deepEqual(a.differing_columns, { station_code: 1, pollutant: 1 });
    assert.equal(a.agree, false);
  });
});

Deno.test("compare.py refuses a table whose columns or types differ from airq's", async () => {
  await inTempDir(async (dir) => {
    const retype = (columns: Columns, name: string, type: string): Columns =>
      columns.map(([n, t]) => [n, n === name ? type : t]);
    const without = (columns: Columns, name: string): Columns =>
      columns.filter(([n]) => n !== name);
    const valueLast = [...without(HOURLY_COLUMNS, "value"), ["value", "DOUBLE"]] as Columns;
    const r = await compare(dir, {
      // microseconds (what TIMESTAMPTZ writes), a 64-bit count
      polars: {
        hourlyColumns: retype(HOURLY_COLUMNS, "hour_end", "TIMESTAMPTZ"),
        aggregateColumns: retype(AGGREGATE_COLUMNS, "value_count", "BIGINT"),
      },
      // a column missing, a column too many (`date` in the folder only is fine)
      pyspark: {
        hourlyColumns: without(HOURLY_COLUMNS, "station_code"),
        aggregateColumns: [...AGGREGATE_COLUMNS, ["region", "VARCHAR"]],
        dateInFile: false,
      },
      // another order, `date` as text
      duckdb: {
        hourlyColumns: valueLast,
        aggregateColumns: retype(AGGREGATE_COLUMNS, "date", "VARCHAR"),
      },
    });
    assert.equal(r.code, 1);
    assert.equal(r.result.agree, false);
    const problems = (table: string, name: string) => {
      const check = r.result.checks[table][`airq_vs_${name}`];
      assert.equal(check.agree, false);
      return check.column_problems;
    };
    const tz = "TIMESTAMP WITH TIME ZONE";
    assert.deepEqual(problems("measurements_hourly", "polars"), [
      `hour_end is ${tz} (MICROS), airq's is ${tz} (MILLIS)`,
    ]);
    assert.deepEqual(problems("aggregate_station_by_day", "polars"), [
      "value_count is BIGINT, airq's is INTEGER",
    ]);
    assert.deepEqual(problems("measurements_hourly", "pyspark"), ["missing station_code"]);
    assert.deepEqual(problems("aggregate_station_by_day", "pyspark"), ["extra region"]);
    assert.deepEqual(problems("measurements_hourly", "duckdb"), ["columns out of airq's order"]);
    assert.deepEqual(problems("aggregate_station_by_day", "duckdb"), [
      "date is VARCHAR, airq's is DATE",
    ]);
    const columns = r.result.checks.measurements_hourly.airq_vs_duckdb.columns;
    assert.deepEqual(columns.duckdb.slice(-2), [
      "hour_end TIMESTAMP WITH TIME ZONE (MILLIS)",
      "value DOUBLE",
    ]);
  });
});

Deno.test("compare.py refuses a file whose `date` is not its folder's", async () => {
  await inTempDir(async (dir) => {
    const hourly = change(HOURLY, 2, { date: "2024-01-01", folder: "2024-01-02" });
    const r = await compare(dir, { polars: { hourly } });
    assert.equal(r.code, 1);
    const h = r.result.checks.measurements_hourly.airq_vs_polars;
    assert.deepEqual(h.file_date_not_folder, { airq: 0, polars: 1 });
    assert.deepEqual([h.only_in_airq, h.only_in_polars, h.differing_rows], [0, 0, 0]);
    assert.equal(h.agree, false);
    assert.equal(r.result.checks.aggregate_station_by_day.airq_vs_polars.agree, true);
  });
});

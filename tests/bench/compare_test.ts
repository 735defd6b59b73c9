/**
 * bench/compare.py (run with .tools/venv-bench's Python): the agreement check covers both
 * clean tables. It must see a missing row, a differing value or raw text, a differing count,
 * an average off by more than 1e-9 and other columns, and accept a difference below 1e-9.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
const PYTHON = `${ROOT}.tools/venv-bench/bin/python`;

async function python(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(PYTHON, { args, stdout: "piped", stderr: "piped" }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

type Row = (string | number | null)[];

const HOURLY_COLUMNS = "date VARCHAR, station_id BIGINT, timeseries_id BIGINT, " +
  "timestamp_ms BIGINT, datetime VARCHAR, value DOUBLE, raw_value VARCHAR";
const AGGREGATE_COLUMNS = "date VARCHAR, station_id BIGINT, phenomenon_id INTEGER, " +
  "timeseries_id BIGINT, avg_value DOUBLE, min_value DOUBLE, max_value DOUBLE, " +
  "value_count INTEGER, coverage DOUBLE";

/** Writes <dir>/<table>/date=…/x.parquet (hive folders) with the given rows. */
async function writeTable(dir: string, table: string, columns: string, rows: Row[]) {
  const script = `
import duckdb, json, sys
rows = json.loads(sys.argv[3])
con = duckdb.connect()
con.execute(f"CREATE TABLE t ({sys.argv[2]})")
con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(rows[0]))})", rows)
con.execute(f"COPY t TO '{sys.argv[1]}' (FORMAT parquet, PARTITION_BY (date))")
`;
  await Deno.mkdir(dir, { recursive: true });
  const r = await python(["-c", script, `${dir}/${table}`, columns, JSON.stringify(rows)]);
  assert.equal(r.code, 0, r.stderr);
}

const HOURLY: Row[] = [
  ["2024-01-01", 5000, 200000, 1704070800000, "2024-01-01T02:00:00+01:00", 20.5, "20.5"],
  ["2024-01-01", 5000, 200000, 1704074400000, "2024-01-01T03:00:00+01:00", null, "NaN"],
  ["2024-01-02", 5000, 200000, 1704157200000, "2024-01-02T02:00:00+01:00", 18, "18"],
];
const AGGREGATE: Row[] = [
  ["2024-01-01", 5000, 5, 200000, 20.5, 20.5, 20.5, 1, 1 / 24],
  ["2024-01-02", 5000, 5, 200000, 18, 18, 18, 1, 1 / 24],
];

async function compare(dir: string, hourly: Row[], aggregate: Row[], columns = HOURLY_COLUMNS) {
  await writeTable(`${dir}/airq`, "measurements_hourly", HOURLY_COLUMNS, HOURLY);
  await writeTable(`${dir}/airq`, "aggregate_station_by_day", AGGREGATE_COLUMNS, AGGREGATE);
  await writeTable(`${dir}/polars`, "measurements_hourly", columns, hourly);
  await writeTable(`${dir}/polars`, "aggregate_station_by_day", AGGREGATE_COLUMNS, aggregate);
  const r = await python([
    `${ROOT}bench/compare.py`,
    ...["--from", "2024-01-01", "--to", "2024-01-02"],
    ...["--airq", `${dir}/airq`, "--polars", `${dir}/polars`],
  ]);
  assert.equal(r.stderr, "");
  return { code: r.code, result: JSON.parse(r.stdout) };
}

Deno.test("compare.py agrees within 1e-9 on both tables and counts their rows", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-bench-compare-" });
  try {
    const close = AGGREGATE.map((r, i) =>
      i === 0 ? [...r.slice(0, 4), 20.5 + 4e-10, ...r.slice(5)] : r
    );
    const same = await compare(dir, HOURLY, close);
    assert.equal(same.code, 0);
    assert.equal(same.result.agree, true);
    assert.deepEqual(same.result.rows, {
      measurements_hourly: { airq: 3, polars: 3 },
      aggregate_station_by_day: { airq: 2, polars: 2 },
    });
    assert.deepEqual(same.result.values, { airq: 2, polars: 2 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare.py reports missing rows and differing values in both tables", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-bench-compare-" });
  try {
    const hourly = [
      HOURLY[0]!.map((v, i) => i === 6 ? "20.50" : v), // same value, other JSON text
      HOURLY[1]!.map((v, i) => i === 5 ? 0 : v), // a missing value that is not NULL
    ];
    const aggregate = [
      [...AGGREGATE[0]!.slice(0, 4), 20.5 + 2e-9, ...AGGREGATE[0]!.slice(5)],
      [...AGGREGATE[1]!.slice(0, 7), 2, 2 / 24],
    ];
    const differ = await compare(dir, hourly, aggregate);
    assert.equal(differ.code, 1);
    assert.equal(differ.result.agree, false);
    const h = differ.result.checks.measurements_hourly.airq_vs_polars;
    assert.deepEqual([h.only_in_airq, h.only_in_polars, h.differing_rows], [1, 0, 2]);
    assert.deepEqual(h.differing_columns, { value: 1, raw_value: 1 });
    const a = differ.result.checks.aggregate_station_by_day.airq_vs_polars;
    assert.deepEqual([a.only_in_airq, a.only_in_polars, a.differing_rows], [0, 0, 2]);
    assert.deepEqual(a.differing_columns, { avg_value: 1, value_count: 1, coverage: 1 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare.py refuses a table whose columns differ from airq's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-bench-compare-" });
  try {
    const swapped = HOURLY.map((r) => [...r.slice(0, 5), r[6]!, r[5]!]);
    const columns = HOURLY_COLUMNS.replace(
      "value DOUBLE, raw_value VARCHAR",
      "raw_value VARCHAR, value DOUBLE",
    );
    const r = await compare(dir, swapped, AGGREGATE, columns);
    assert.equal(r.code, 1);
    const check = r.result.checks.measurements_hourly.airq_vs_polars;
    assert.equal(check.agree, false);
    assert.deepEqual(check.columns.polars.slice(-2), ["raw_value", "value"]);
    assert.equal(r.result.checks.aggregate_station_by_day.airq_vs_polars.agree, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * bench/compare.py (run with .tools/venv-bench's Python): the agreement check must see a
 * missing row, a differing count and an average off by more than 1e-9, and accept a
 * difference below it.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
const PYTHON = `${ROOT}.tools/venv-bench/bin/python`;

async function python(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(PYTHON, { args, stdout: "piped", stderr: "piped" }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/** Writes hive folders <dir>/<name>/date=…/x.parquet with the given aggregate rows. */
async function writeAggregates(dir: string, name: string, rows: unknown[][]): Promise<void> {
  const script = `
import duckdb, json, sys
rows = json.loads(sys.argv[2])
con = duckdb.connect()
con.execute("CREATE TABLE t (date VARCHAR, station_id BIGINT, phenomenon_id INTEGER, timeseries_id BIGINT, avg_value DOUBLE, min_value DOUBLE, max_value DOUBLE, value_count INTEGER)")
con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
con.execute(f"COPY t TO '{sys.argv[1]}' (FORMAT parquet, PARTITION_BY (date))")
`;
  await Deno.mkdir(dir, { recursive: true });
  const r = await python(["-c", script, `${dir}/${name}`, JSON.stringify(rows)]);
  assert.equal(r.code, 0, r.stderr);
}

const BASE = [
  ["2024-01-01", 5000, 5, 200000, 20.5, 10, 31, 24],
  ["2024-01-01", 5000, 8, 200002, 30.25, 1, 60, 23],
  ["2024-01-02", 5000, 5, 200000, 18, 9, 27, 24],
];

async function compare(dir: string, other: unknown[][]) {
  await writeAggregates(dir, "airq", BASE);
  await writeAggregates(dir, "duckdb", other);
  const r = await python([
    `${ROOT}bench/compare.py`,
    ...["--from", "2024-01-01", "--to", "2024-01-02"],
    ...["--airq", `${dir}/airq`, "--duckdb", `${dir}/duckdb`],
  ]);
  return { code: r.code, result: JSON.parse(r.stdout) };
}

Deno.test("compare.py agrees within 1e-9 and reports missing rows, counts and averages", async () => {
  const dir = await Deno.makeTempDir({ prefix: "airq-bench-compare-" });
  try {
    const close = BASE.map((r, i) => i === 0 ? [...r.slice(0, 4), 20.5 + 4e-10, ...r.slice(5)] : r);
    const same = await compare(`${dir}/same`, close);
    assert.equal(same.code, 0);
    assert.equal(same.result.agree, true);
    assert.deepEqual(same.result.rows, { airq: 3, duckdb: 3 });
    assert.deepEqual(same.result.values, { airq: 71, duckdb: 71 });

    const off = [
      [...BASE[0]!.slice(0, 4), 20.5 + 2e-9, ...BASE[0]!.slice(5)],
      [...BASE[1]!.slice(0, 7), 22],
    ];
    const differ = await compare(`${dir}/differ`, off);
    assert.equal(differ.code, 1);
    assert.equal(differ.result.agree, false);
    const check = differ.result.checks.airq_vs_duckdb;
    assert.deepEqual(
      [check.only_in_airq, check.only_in_duckdb, check.differing_rows],
      [1, 0, 2],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// deno-lint-ignore-file no-console
/**
 * `deno run -A bench/profile_transform.ts --lake DIR --from D --to D`: where the transform's
 * CPU goes, phase by phase, over a range of raw days in one thread (no workers), without
 * publishing anything. Prints one Markdown table (milliseconds per phase, share). The numbers
 * behind "Where a year's CPU goes" in bench/RESULTS.md.
 */
import { parseArgs } from "node:util";
import { openDuckDb } from "../src/duckdb.ts";
import { openStore } from "../src/lake/open_store.ts";
import { writeParquet } from "../src/parquet.ts";
import { aggregateDays } from "../src/transform/aggregate_day.ts";
import { withAnalysisColumns } from "../src/transform/analysis_columns.ts";
import { hourlyDay } from "../src/transform/hourly_table.ts";
import { seriesTable } from "../src/transform/input_tables.ts";
import { readRawDay } from "../src/transform/raw_day.ts";
import { sha256Hex } from "../src/sha256_hex.ts";
import { DEFAULT_TIMEZONE } from "../src/config/defaults.ts";

const { values: v } = parseArgs({
  options: { lake: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
});
if (!v.lake || !v.from || !v.to) {
  console.error("Usage: deno run -A bench/profile_transform.ts --lake DIR --from D --to D");
  Deno.exit(2);
}
const store = await openStore(`file://${v.lake}`, { env: {}, cwd: Deno.cwd() });
const t0 = performance.now();
const db = await openDuckDb();
const start = performance.now() - t0;
const phases = new Map<string, number>();
const timed = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const out = await f();
  phases.set(name, (phases.get(name) ?? 0) + performance.now() - t);
  return out;
};
let days = 0;
for (
  let d = Temporal.PlainDate.from(v.from);
  Temporal.PlainDate.compare(d, Temporal.PlainDate.from(v.to)) <= 0;
  d = d.add({ days: 1 })
) {
  const date = d.toString();
  const raw = await timed(
    "read + verify + parse",
    () => readRawDay(store, date, { timezone: DEFAULT_TIMEZONE }),
  );
  const w = raw.window;
  const day = { startMs: w.startMs, endMs: w.endMs, hours: w.hours, timezone: w.timezone };
  const { hourly, obs } = await timed(
    "hourly table (TypeScript, analysis columns included)",
    () => hourlyDay(raw),
  );
  const aggregate = await timed(
    "DuckDB-WASM: aggregate (in, query, out)",
    () => aggregateDays(db, [{ series: seriesTable(raw.series), obs, day }])[0]!,
  );
  const a = await timed(
    "analysis columns of the aggregate",
    () => withAnalysisColumns(aggregate, { date, hourly: false }),
  );
  const hb = await timed("Parquet: hourly", () => writeParquet(hourly));
  const ab = await timed("Parquet: aggregate", () => writeParquet(a));
  await timed("sha256 of both files", async () => [await sha256Hex(hb), await sha256Hex(ab)]);
  days++;
}
const total = [...phases.values()].reduce((x, y) => x + y, 0);
console.log(`${days} days, DuckDB-WASM start ${start.toFixed(0)} ms (not in the total)\n`);
console.log("| phase | CPU ms | ms per day | share |\n| --- | --- | --- | --- |");
for (const [name, ms] of phases) {
  console.log(
    `| ${name} | ${ms.toFixed(0)} | ${(ms / days).toFixed(1)} | ${
      (100 * ms / total).toFixed(0)
    } % |`,
  );
}
console.log(`| **total** | **${total.toFixed(0)}** | ${(total / days).toFixed(1)} | |`);

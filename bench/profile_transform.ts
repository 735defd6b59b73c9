// deno-lint-ignore-file no-console
/**
 * `deno run -A bench/profile_transform.ts --lake DIR --from D --to D [--pass N]`: where the
 * transform's CPU goes, phase by phase, over a range of raw days in one thread, in passes of
 * N days (default: the transform's DAYS_PER_PASS) as the transform runs them, without
 * publishing anything. Prints one Markdown table (milliseconds per phase, share). The numbers
 * behind "Where a year's CPU goes" in bench/RESULTS.md.
 */
import { parseArgs } from "node:util";
import { DEFAULT_TIMEZONE } from "../src/config/defaults.ts";
import { type ArrowTable, openDuckDb } from "../src/duckdb.ts";
import { openStore } from "../src/lake/open_store.ts";
import { writeParquet } from "../src/parquet.ts";
import { sha256Hex } from "../src/sha256_hex.ts";
import { aggregateDays, type AggregateInput } from "../src/transform/aggregate_day.ts";
import { withAnalysisColumns } from "../src/transform/analysis_columns.ts";
import { DAYS_PER_PASS } from "../src/transform/config.ts";
import { hourlyDay } from "../src/transform/hourly_table.ts";
import { seriesTable } from "../src/transform/input_tables.ts";
import { readRawDay } from "../src/transform/raw_day.ts";
import { passesOf } from "../src/transform/transform_range.ts";

const { values: v } = parseArgs({
  options: {
    lake: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    pass: { type: "string" },
  },
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
const dates: string[] = [];
for (
  let d = Temporal.PlainDate.from(v.from);
  Temporal.PlainDate.compare(d, Temporal.PlainDate.from(v.to)) <= 0;
  d = d.add({ days: 1 })
) dates.push(d.toString());
const size = Number(v.pass ?? DAYS_PER_PASS);
for (const pass of passesOf(dates, size)) {
  const days: { date: string; hourly: ArrowTable; input: AggregateInput }[] = [];
  for (const date of pass) {
    const raw = await timed(
      "read + verify + parse",
      () => readRawDay(store, date, { timezone: DEFAULT_TIMEZONE }),
    );
    const w = raw.window;
    const day = { startMs: w.startMs, endMs: w.endMs, hours: w.hours, timezone: w.timezone };
    const { hourly, obs } = await timed(
      "hourly table (TypeScript, analysis columns)",
      () => hourlyDay(raw),
    );
    days.push({ date, hourly, input: { series: seriesTable(raw.series), obs, day } });
  }
  const aggregates = await timed(
    `DuckDB-WASM: aggregate, passes of ${size} days`,
    () => aggregateDays(db, days.map((d) => d.input)),
  );
  for (const [i, { date, hourly }] of days.entries()) {
    const a = await timed(
      "analysis columns of the aggregate",
      () => withAnalysisColumns(aggregates[i]!, { date, hourly: false }),
    );
    const hb = await timed("Parquet: hourly", () => writeParquet(hourly));
    const ab = await timed("Parquet: aggregate", () => writeParquet(a));
    await timed("sha256 of both files", async () => [await sha256Hex(hb), await sha256Hex(ab)]);
  }
}
const total = [...phases.values()].reduce((x, y) => x + y, 0);
console.log(`${dates.length} days, DuckDB-WASM start ${start.toFixed(0)} ms (not in the total)\n`);
console.log("| phase | CPU ms | ms per day | share |\n| --- | --- | --- | --- |");
for (const [name, ms] of phases) {
  const perDay = (ms / dates.length).toFixed(1);
  console.log(`| ${name} | ${ms.toFixed(0)} | ${perDay} | ${(100 * ms / total).toFixed(0)} % |`);
}
console.log(`| **total** | **${total.toFixed(0)}** | ${(total / dates.length).toFixed(1)} | |`);

/**
 * `deno task demo`: the offline demo, from the fake API to the report of one day. Its flags
 * and permissions are declared in src/demo/config.ts (`deno task demo --help`).
 */
import { helpText } from "../src/config/help_text.ts";
import { DEMO_DATE, DEMO_DECLARATION, readDemoConfig } from "../src/demo/config.ts";
import { startFixtureServer } from "../fixture_api/server.ts";
import { readIngestConfig } from "../src/ingest/config.ts";
import { formatSummary } from "../src/ingest/format_summary.ts";
import { ingestRange } from "../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../src/irceline/client.ts";
import { rawDayPrefix } from "../src/lake/layout.ts";
import { openStore } from "../src/lake/open_store.ts";
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "./cli.ts";
// transform step (transform helper)
import { openDuckDb } from "../src/duckdb.ts";
import { cleanPartitionPrefix } from "../src/lake/layout.ts";
import { readParquet } from "../src/parquet.ts";
import { formatDailyMeans } from "../src/transform/format_daily_means.ts";
import { formatSummary as formatTransformSummary } from "../src/transform/format_summary.ts";
import { readPublishedPartition } from "../src/lake/read_partition.ts";
import { transformRange } from "../src/transform/transform_range.ts";
// report step (report helper)
import { buildReport } from "../src/report/build_report.ts";
import { AIRQ_VERSION } from "../src/version.ts";
import { oneLine } from "../src/text/escape.ts";

/** Run the demo; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const cwd = Deno.cwd();
  const demo = readDemoConfig(Deno.args, env, { cwd });
  if (demo.help) {
    printOut(helpText(DEMO_DECLARATION));
    return 0;
  }
  const api = await startFixtureServer();
  try {
    const parsed = readIngestConfig(
      ["--date", DEMO_DATE, "--api-url", api.url, "--lake", demo.config.lake],
      {},
      { now: Temporal.Now.instant(), cwd },
    );
    if (parsed.help) return 2;
    const { config } = parsed;
    const store = await openStore(config.lake, { env, cwd, log });
    const client = createIrcelineClient({ timeoutMs: config.timeoutMs, retries: config.retries });
    const now = () => Temporal.Now.instant();
    const ingest = await ingestRange(config, { store, client, log, now });
    printOut(formatSummary(ingest.summary, ingest.days));
    printOut(`raw files: ${store.location.replace(/\/?$/, "/")}${rawDayPrefix(DEMO_DATE)}`);
    if (!ingest.summary.ok) return 1;
    // --- transform step (transform helper): raw → clean Parquet, then the daily means ---
    const transform = await transformRange([DEMO_DATE], {
      store,
      timezone: config.timezone,
      db: openDuckDb,
      log,
      clock: () => performance.now(),
    });
    printOut(formatTransformSummary(transform.summary, transform.days));
    if (!transform.summary.ok) return 1;
    const daily = await readPublishedPartition(store, "aggregate_station_by_day", DEMO_DATE);
    const { rows } = await readParquet(daily.files[0]!.bytes);
    printOut(
      formatDailyMeans(DEMO_DATE, rows as unknown as Parameters<typeof formatDailyMeans>[1]),
    );
    for (const table of ["measurements_hourly", "aggregate_station_by_day"] as const) {
      printOut(
        `clean files: ${store.location.replace(/\/?$/, "/")}${
          cleanPartitionPrefix(table, DEMO_DATE)
        }`,
      );
    }
    // --- end of transform step ---
    // --- report step (report helper): the day's HTML report, its path printed last ---
    const report = await buildReport(store, { from: DEMO_DATE, airqVersion: AIRQ_VERSION });
    const where = oneLine(`${store.location.replace(/\/?$/, "/")}${report.key}`);
    printOut(`report (open in a browser): ${where}`);
    // --- end of report step ---
    // Next stages (transform, report) plug in here, reusing `config`, `store` and `log`.
    return 0;
  } finally {
    await api.close();
  }
}

if (import.meta.main) runMain("demo", main);

/**
 * `deno task load --date YYYY-MM-DD [--to YYYY-MM-DD] [--lake URI] [--table DB.SCHEMA.TABLE]
 *  [--batch-size N] [--create-schema]`: published clean/aggregate_station_by_day partitions
 * → Snowflake, one transaction per run (delete the run's dates, insert their rows).
 *
 * Env: AIRQ_LAKE, AIRQ_TIMEZONE, AIRQ_SNOWFLAKE_TABLE, SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER,
 * SNOWFLAKE_ROLE, SNOWFLAKE_WAREHOUSE, SNOWFLAKE_DATABASE, SNOWFLAKE_SCHEMA,
 * SNOWFLAKE_PRIVATE_KEY | SNOWFLAKE_PRIVATE_KEY_PATH [+ SNOWFLAKE_PRIVATE_KEY_PASSPHRASE] |
 * SNOWFLAKE_PASSWORD, SNOWFLAKE_HOST/PORT/PROTOCOL (tests), AWS_* for s3:// lakes.
 * Permissions: net (Snowflake, S3), env, read (lake, key file), write (file lake), sys, ffi
 * (snowflake-sdk's native helper). Exit codes: 0 ok, 1 failure, 2 bad configuration.
 */
import { type Logger, printOut, runMain } from "./_cli.ts";
import { openStore } from "../src/lake/open_store.ts";
import { readLoadConfig } from "../src/load/config.ts";
import { runLoad } from "../src/load/run_load.ts";
import { connectSnowflake } from "../src/snowflake.ts";

const HELP = `deno task load [--date YYYY-MM-DD] [--to YYYY-MM-DD] [--lake URI]
                [--table [[DB.]SCHEMA.]TABLE] [--batch-size N] [--create-schema]
                [--lookback-days N] [--force]
Loads published clean/aggregate_station_by_day partitions into Snowflake (default table
AIRQ.CLEAN.AGGREGATE_STATION_BY_DAY; env AIRQ_SNOWFLAKE_TABLE). Connection from SNOWFLAKE_* env.
Default date: yesterday in AIRQ_TIMEZONE (Europe/Brussels). --lookback-days N adds the N days
before --date. A date already loaded from the same partition (AIRQ_LOAD_STATE) is skipped
unless --force; a date not published fails, the others load in one transaction.
AWS_BATCH_JOB_ARRAY_INDEX (array jobs): only the day --date + index is loaded.`;

async function readKeyFile(path: string | undefined): Promise<string | Error | undefined> {
  if (!path) return undefined;
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    return e as Error;
  }
}

async function main(log: Logger) {
  const started = performance.now();
  const env = Deno.env.toObject();
  const parsed = readLoadConfig(Deno.args, env, {
    now: Temporal.Now.instant(),
    cwd: Deno.cwd(),
    privateKeyFile: await readKeyFile(env.SNOWFLAKE_PRIVATE_KEY_PATH),
  });
  if (parsed.help) {
    printOut(HELP);
    return 0;
  }
  const { config } = parsed;
  const store = await openStore(config.lake, { env, cwd: Deno.cwd() });
  log("start", { dates: config.dates, lake: store.location, account: config.connection.account });
  const summary = await runLoad(config, {
    store,
    connect: () => connectSnowflake(config.connection),
    now: () => Date.now(),
    onEvent: log,
  });
  for (const d of summary.dates) {
    log("day_done", { ...d }, d.status === "failed" ? "error" : "info");
  }
  const duration_ms = Math.round(performance.now() - started);
  log("done", { ...summary, duration_ms }, summary.ok ? "info" : "error");
  return summary.ok ? 0 : 1;
}

if (import.meta.main) await runMain("load", main);

/** The `--help` text of `deno task transform`. */
import { TRANSFORM_DEFAULTS as D } from "./config.ts";

/** Usage of the transform task: every flag and env variable with its default. */
export const TRANSFORM_HELP =
  `Usage: deno task transform [--date YYYY-MM-DD] [--to YYYY-MM-DD] [options]

Turn raw days (<lake>/raw/irceline/date=D/, verified against their _manifest.json) into
two clean Parquet tables with DuckDB-WASM, one partition per day:
  <lake>/clean/measurements_hourly/date=D/part-<sha16>.parquet + _SUCCESS
  <lake>/clean/aggregate_station_by_day/date=D/part-<sha16>.parquet + _SUCCESS
A rerun replaces the day's partitions with byte-identical files when the raw day is unchanged.

Options (flags win over env):
  --date YYYY-MM-DD     first day (local to --timezone)      default: yesterday in --timezone
  --to YYYY-MM-DD       last day, inclusive                  default: --date
  --lake URI            file:///abs, file://./rel or s3://bucket/prefix
                        env AIRQ_LAKE                        default: ${D.lake}
  --timezone IANA       must be the one the day was ingested in
                        env AIRQ_TIMEZONE                    default: ${D.timezone}
  --lookback-days N     also transform the N days before --date, 0..366  default: 0
  --force               transform every day again, even when up to date
  --workers N           Deno Workers for a range of 2 or more days, 1..16 (about 85 MiB each;
                        one DuckDB-WASM in the main thread aggregates for all); days are
                        handed out in date order
                                                             default: min(2, CPU count)
  -h, --help            show this text

A day whose two partitions have a _SUCCESS built from the current raw _manifest.json
(source_manifest_sha256) and files that verify is skipped unless --force.
AWS Batch array jobs: when AWS_BATCH_JOB_ARRAY_INDEX is set, only the day --date + index of
the range is transformed (an index past --to is a configuration error, exit 2).

S3 lakes also read AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL and AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.

A day without _manifest.json (not ingested, or ingest unfinished) or with a raw file that
differs from its manifest fails and leaves its clean partitions as they were; the other
days go on.

Exit codes: 0 every day transformed, 1 a day failed, 2 bad configuration.
Logs: one JSON line per event on stderr when stderr is not a terminal.`;

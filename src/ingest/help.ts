/** The `--help` text of `deno task ingest`. */
import { INGEST_DEFAULTS as D } from "./config.ts";

/** Usage of the ingest task: every flag and env variable with its default. */
export const INGEST_HELP = `Usage: deno task ingest [--date YYYY-MM-DD] [--to YYYY-MM-DD] [options]

Fetch IRCEL-CELINE hourly measurements (52°North timeseries API v1) for local calendar
days and store the API's answers byte for byte under <lake>/raw/irceline/date=YYYY-MM-DD/,
then _manifest.json (written last; a folder without it is incomplete).

Options (flags win over env):
  --date YYYY-MM-DD     first day (local to --timezone)      default: yesterday in --timezone
  --to YYYY-MM-DD       last day, inclusive                  default: --date
  --lake URI            file:///abs, file://./rel or s3://bucket/prefix
                        env AIRQ_LAKE                        default: ${D.lake}
  --api-url URL         env AIRQ_API_URL                     default: ${D.apiUrl}
  --timezone IANA       env AIRQ_TIMEZONE                    default: ${D.timezone}
  --phenomena IDS       comma-separated phenomenon ids (5 PM10, 6001 PM2.5, 8 NO2,
                        71 CO2, 1 SO2); env AIRQ_PHENOMENA   default: ${D.phenomena}
  --near LON,LAT,KM     only stations within KM of LON,LAT (a box at the server)
  --concurrency N       requests in flight, 1..64            default: ${D.concurrency}
  --chunk-size N        series per bulk getData POST, 1..1000 default: ${D.chunkSize}
  --timeout-ms N        per-request timeout, 100..600000     default: ${D.timeoutMs}
  --retries N           retries per request on 429/5xx/network errors/timeouts/truncated
                        bodies (jittered backoff, honours Retry-After), 0..20  default: ${D.retries}
  --lookback-days N     also ingest the N days before --date and fetch the last N+1 days
                        again even when complete (late values, corrections), 0..366  default: 0
  --force               fetch every day again, even when complete
  -h, --help            show this text

A day whose _manifest.json is complete and verified (same window, time zone, --near and
phenomena; every file matches its sha256) is skipped unless --force or it lies in the
lookback window; a fetched day rewrites only the files whose answers changed.
AWS Batch array jobs: when AWS_BATCH_JOB_ARRAY_INDEX is set, only the day --date + index of
the range is ingested (an index past --to is a configuration error, exit 2).

S3 lakes also read AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL and AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.

A day that is not over yet is refused. A day fails when any selected series could not be
fetched: its folder keeps its previous state (no new _manifest.json) and the other days go on.

Exit codes: 0 every day complete, 1 a day failed, 2 bad configuration.
Logs: one JSON line per event on stderr when stderr is not a terminal.`;

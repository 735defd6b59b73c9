/**
 * Flags and variables several tasks declare the same way: the dates of a run, the lake, the
 * time zone and the S3 credentials. Each task's declaration lists the ones it accepts.
 */
import type { EnvDeclaration, FlagDeclaration } from "./declaration.ts";
import { DEFAULT_LAKE, DEFAULT_TIMEZONE } from "./defaults.ts";
import { DEFAULT_REGION, DEFAULT_S3_TIMEOUT_MS } from "../lake/s3_request.ts";
import { MAX_LOOKBACK_DAYS } from "../time/run_dates.ts";
import { DEFAULT_DEPLOYMENT, DEPLOYMENT_ENV } from "../log/deployment.ts";

/** `--date`: the first (or only) day. */
export const DATE_FLAG: FlagDeclaration = {
  name: "date",
  kind: "date",
  arg: "YYYY-MM-DD",
  defaultText: "yesterday in --timezone",
  help: "first (or only) day, local to --timezone",
};

/** `--to`: the last day of a range, inclusive. */
export const TO_FLAG: FlagDeclaration = {
  name: "to",
  kind: "date",
  arg: "YYYY-MM-DD",
  defaultText: "--date",
  help: "last day of a range, inclusive",
};

/** `--lake`: where the lake is. */
export const LAKE_FLAG: FlagDeclaration = {
  name: "lake",
  kind: "uri",
  arg: "URI",
  env: "AIRQ_LAKE",
  default: DEFAULT_LAKE,
  valid: "a folder path, file:///abs, file://./rel or s3://bucket/prefix",
  help: "where the lake is",
};

/** `--timezone`: the zone whose calendar days are cut. */
export const TIMEZONE_FLAG: FlagDeclaration = {
  name: "timezone",
  kind: "string",
  arg: "IANA",
  env: "AIRQ_TIMEZONE",
  default: DEFAULT_TIMEZONE,
  valid: "an IANA time zone",
  help: "time zone of the calendar days (the one the days were ingested in)",
};

/** `--lookback-days N`: the N days before --date as well. */
export function lookbackFlag(help: string): FlagDeclaration {
  return {
    name: "lookback-days",
    kind: "int",
    arg: "N",
    default: "0",
    min: 0,
    max: MAX_LOOKBACK_DAYS,
    help,
  };
}

/** `--force`: redo work that is already done. */
export function forceFlag(help: string): FlagDeclaration {
  return { name: "force", kind: "boolean", help };
}

/** AWS Batch array jobs: one day of the range per child. */
export const ARRAY_INDEX_ENV: EnvDeclaration = {
  name: "AWS_BATCH_JOB_ARRAY_INDEX",
  help: "set by AWS Batch array jobs: only the day --date + index is run " +
    "(an index past --to is a configuration error)",
};

/** The deployment the JSON log lines' CloudWatch metrics are filed under (src/log/emf.ts). */
export const DEPLOYMENT_ENV_DECLARATION: EnvDeclaration = {
  name: DEPLOYMENT_ENV,
  help:
    `deployment name of the CloudWatch metrics in the JSON logs (default "${DEFAULT_DEPLOYMENT}")`,
};

/** Variables of S3 access (s3:// lakes, the DAG bucket). */
export const S3_ENV: EnvDeclaration[] = [
  {
    name: "AWS_ENDPOINT_URL_S3",
    help: "S3 endpoint (a local S3 server); wins over AWS_ENDPOINT_URL",
  },
  { name: "AWS_ENDPOINT_URL", help: "endpoint of every AWS service" },
  { name: "AWS_REGION", help: `S3 region (default ${DEFAULT_REGION})` },
  { name: "AWS_DEFAULT_REGION", help: "S3 region when AWS_REGION is unset" },
  {
    name: "AIRQ_S3_TIMEOUT_MS",
    help: `timeout of one S3 request in ms, 100 to 600000 (default ${DEFAULT_S3_TIMEOUT_MS})`,
  },
  { name: "AWS_ACCESS_KEY_ID", help: "S3 access key" },
  { name: "AWS_SECRET_ACCESS_KEY", help: "S3 secret key (never logged)" },
  { name: "AWS_SESSION_TOKEN", help: "S3 session token of temporary credentials" },
  {
    name: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    help: "ECS/Batch task role credentials (path on 169.254.170.2)",
  },
  { name: "AWS_CONTAINER_CREDENTIALS_FULL_URI", help: "container credentials at a full URL" },
  { name: "AWS_CONTAINER_AUTHORIZATION_TOKEN", help: "token of the container credentials URL" },
  {
    name: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    help: "file holding that token (read at each refresh)",
  },
];

/** `--year`: one calendar year. */
export const YEAR_FLAG: FlagDeclaration = {
  name: "year",
  kind: "int",
  arg: "YYYY",
  defaultText: "the year of yesterday in --timezone",
  min: 1990,
  max: 2100,
  help: "calendar year, local to --timezone",
};

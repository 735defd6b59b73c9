/**
 * Configuration of `deno task publish-dag` from flags and env (flags win). Pure: every
 * problem is collected into one ConfigError.
 */
import { checkSetting } from "../config/check_setting.ts";
import { parseFlags } from "../config/parse_flags.ts";
import { ConfigError } from "../errors.ts";
import { parseLakeUri } from "../lake/lake_uri.ts";

/** The validated publish-dag configuration. */
export interface PublishConfig {
  /** Target bucket (MWAA's source bucket). */
  bucket: string;
  /** Folder in the bucket, "" or ending with "/" (default "dags/"). */
  prefix: string;
  /** Local folder whose *.py files are published (default "dags"). */
  dagsDir: string;
  /** Compare and report only; upload nothing. */
  dryRun: boolean;
}

/** Defaults of the contract. */
export const PUBLISH_DEFAULTS = { prefix: "dags/", dagsDir: "dags" } as const;

const FLAGS = {
  bucket: { type: "string" },
  lake: { type: "string" },
  prefix: { type: "string" },
  "dags-dir": { type: "string" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const PREFIX_RE = /^([A-Za-z0-9_.-]+\/)*$/;

/**
 * Parse `args` and `env`. The bucket comes from --bucket, else the bucket of --lake
 * (s3:// only), else AIRQ_DAG_BUCKET, else the bucket of an s3:// AIRQ_LAKE.
 */
export function readPublishConfig(
  args: string[],
  env: Record<string, string | undefined>,
): { help: true } | { help: false; config: PublishConfig } {
  const flags = parseFlags(args, { flags: FLAGS });
  if (flags.help) return { help: true };
  const problems: string[] = [];
  const flagBucket = flags.text("bucket");
  const flagLake = flags.text("lake");
  if (flagBucket !== undefined && flagLake !== undefined) {
    problems.push("--bucket and --lake are exclusive: pass one of them");
  }
  const bucket = bucketOf(flagBucket, flagLake, env, problems);
  const prefixFlag = flags.text("prefix");
  let prefix = prefixFlag ?? PUBLISH_DEFAULTS.prefix;
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  if (!PREFIX_RE.test(prefix) || prefix.split("/").some((p) => p === "." || p === "..")) {
    problems.push(
      `--prefix "${prefixFlag}" must be folder names of letters, digits, "_", "-" and "." joined by "/", e.g. dags/`,
    );
  }
  const dagsDir = flags.text("dags-dir") ?? PUBLISH_DEFAULTS.dagsDir;
  if (dagsDir === "") problems.push("--dags-dir must not be empty");
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    help: false,
    config: { bucket: bucket!, prefix, dagsDir, dryRun: flags.on("dry-run") },
  };
}

function bucketOf(
  flagBucket: string | undefined,
  flagLake: string | undefined,
  env: Record<string, string | undefined>,
  problems: string[],
): string | undefined {
  const fromLake = (uri: string, source: string): string | undefined => {
    if (!uri.startsWith("s3://")) {
      problems.push(`${source} "${uri}" must be an s3:// URI to publish DAGs`);
      return undefined;
    }
    const parsed = checkSetting({ value: uri, source }, (v) => parseLakeUri(v, "/"), problems);
    return parsed?.kind === "s3" ? parsed.bucket : undefined;
  };
  if (flagBucket !== undefined) return fromLake(`s3://${flagBucket}/`, "--bucket");
  if (flagLake !== undefined) return fromLake(flagLake, "--lake");
  if (env.AIRQ_DAG_BUCKET) return fromLake(`s3://${env.AIRQ_DAG_BUCKET}/`, "AIRQ_DAG_BUCKET");
  if (env.AIRQ_LAKE?.startsWith("s3://")) return fromLake(env.AIRQ_LAKE, "AIRQ_LAKE");
  problems.push(
    "no target bucket: pass --bucket B or --lake s3://bucket/prefix (or set AIRQ_DAG_BUCKET)",
  );
  return undefined;
}

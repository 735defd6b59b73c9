/**
 * `deno task publish-dag`, declared once: its flags and variables, its config reader (flags
 * win; pure; every problem collected into one ConfigError) and the permissions a run needs.
 */
import { checkSetting } from "../config/check_setting.ts";
import { DEPLOYMENT_ENV_DECLARATION, S3_ENV } from "../config/common_flags.ts";
import type { TaskDeclaration } from "../config/declaration.ts";
import { parseDeclared, throwProblems } from "../config/declared_flags.ts";
import { s3Hosts } from "../config/permissions.ts";
import type { ReadResult, TaskSpec } from "../config/task_spec.ts";
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

/** What `deno task publish-dag` accepts and does. */
export const PUBLISH_DECLARATION: TaskDeclaration = {
  name: "publish-dag",
  script: "tasks/publish_dag.ts",
  purpose: "Upload the Airflow DAG files (*.py of --dags-dir) to s3://<bucket>/<prefix>, the " +
    "DAG folder of an Amazon MWAA environment.",
  usage: "[--bucket B | --lake s3://bucket/prefix] [options]",
  details: [
    "Files whose bytes are already there are skipped; .py files found only in the bucket are " +
    "reported, never deleted. The bucket comes from --bucket, else the bucket of --lake, else " +
    "AIRQ_DAG_BUCKET, else the bucket of an s3:// AIRQ_LAKE.",
  ],
  flags: [
    { name: "bucket", kind: "string", arg: "B", env: "AIRQ_DAG_BUCKET", help: "target bucket" },
    {
      name: "lake",
      kind: "uri",
      arg: "URI",
      env: "AIRQ_LAKE",
      valid: "s3://bucket/prefix",
      help: "take the bucket of this s3:// lake (exclusive with --bucket)",
    },
    {
      name: "prefix",
      kind: "string",
      arg: "P",
      default: PUBLISH_DEFAULTS.prefix,
      valid: 'folder names joined by "/"',
      help: "folder in the bucket",
    },
    {
      name: "dags-dir",
      kind: "string",
      arg: "D",
      default: PUBLISH_DEFAULTS.dagsDir,
      help: "local folder of the DAG files",
    },
    { name: "dry-run", kind: "boolean", help: "compare and report only; upload nothing" },
  ],
  env: [...S3_ENV, DEPLOYMENT_ENV_DECLARATION],
  exitCodes: { ok: "every file is uploaded or unchanged", failed: "an upload failed" },
  examples: ["deno task publish-dag --bucket my-mwaa-bucket --dry-run"],
};

const PREFIX_RE = /^([A-Za-z0-9_.-]+\/)*$/;

/**
 * Parse `args` and `env`. The bucket comes from --bucket, else the bucket of --lake
 * (s3:// only), else AIRQ_DAG_BUCKET, else the bucket of an s3:// AIRQ_LAKE.
 */
export function readPublishConfig(
  args: string[],
  env: Record<string, string | undefined>,
): ReadResult<PublishConfig> {
  const flags = parseDeclared(PUBLISH_DECLARATION.flags, args, {});
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
  throwProblems(problems);
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

/** The publish-dag task: declaration, reader and permissions (S3, the DAG folder). */
export const PUBLISH_TASK: TaskSpec<PublishConfig> = {
  declaration: PUBLISH_DECLARATION,
  read: (args, env) => readPublishConfig(args, env),
  permissions: (config, { env, cwd }) => ({
    net: s3Hosts(env),
    read: [config.dagsDir.startsWith("/") ? config.dagsDir : `${cwd}/${config.dagsDir}`],
    write: [],
  }),
};

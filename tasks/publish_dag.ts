/**
 * `deno task publish-dag`: upload dags/*.py to MWAA's `s3://<bucket>/dags/`, skipping files
 * whose bytes are already there (see --help).
 * Env: AIRQ_DAG_BUCKET, AIRQ_LAKE (s3:// only, for its bucket); AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL_S3.
 * Permissions: --allow-net (S3), --allow-env, --allow-read (the dags folder).
 */
import { readDagFiles } from "../src/deploy/dag_files.ts";
import { PUBLISH_DEFAULTS, readPublishConfig } from "../src/deploy/publish_config.ts";
import { publishDags } from "../src/deploy/publish_dags.ts";
import { openStore } from "../src/lake/open_store.ts";
import { type Logger, printOut, runMain } from "./_cli.ts";

const HELP = `deno task publish-dag [--bucket B | --lake s3://bucket/prefix] [options]

Upload the Airflow DAG files (*.py of --dags-dir) to s3://<bucket>/<prefix>, the DAG folder
of an Amazon MWAA environment. Files whose bytes are already there are skipped; .py files
found only in the bucket are reported, never deleted.

  --bucket B        target bucket (or env AIRQ_DAG_BUCKET)
  --lake URI        take the bucket of this s3:// lake URI (or env AIRQ_LAKE)
  --prefix P        folder in the bucket (default ${PUBLISH_DEFAULTS.prefix})
  --dags-dir D      local folder (default ${PUBLISH_DEFAULTS.dagsDir})
  --dry-run         compare and report only
  -h, --help        this text

AWS credentials and endpoint: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN],
AWS_REGION, AWS_ENDPOINT_URL_S3. Exit codes: 0 ok, 1 failure, 2 bad configuration.`;

/** Publish the DAG files with the process's args and env; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const parsed = readPublishConfig(Deno.args, env);
  if (parsed.help) {
    printOut(HELP);
    return 0;
  }
  const { config } = parsed;
  const files = await readDagFiles(config.dagsDir);
  const target = `s3://${config.bucket}/${config.prefix}`;
  const store = await openStore(target, { env, cwd: Deno.cwd() });
  const result = await publishDags(store, files, { dryRun: config.dryRun });
  for (const file of result.files) {
    log(file.status, { key: `${target}${file.key}`, bytes: file.bytes, sha256: file.sha256 });
  }
  for (const key of result.remoteOnly) {
    log("remote-only", { key: `${target}${key}`, hint: "not in the local dags folder" }, "warn");
  }
  const count = (s: string) => result.files.filter((f) => f.status === s).length;
  log("done", {
    target,
    uploaded: count("uploaded"),
    unchanged: count("unchanged"),
    would_upload: count("would-upload"),
    remote_only: result.remoteOnly.length,
  });
  return 0;
}

if (import.meta.main) runMain("publish-dag", main);

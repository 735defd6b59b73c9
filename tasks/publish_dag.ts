/**
 * `deno task publish-dag`: upload dags/*.py to MWAA's `s3://<bucket>/dags/`, skipping files
 * whose bytes are already there. Flags, variables and permissions are declared in
 * src/deploy/publish_config.ts (`--help`).
 */
import { readDagFiles } from "../src/deploy/dag_files.ts";
import { PUBLISH_DECLARATION, readPublishConfig } from "../src/deploy/publish_config.ts";
import { publishDags } from "../src/deploy/publish_dags.ts";
import { helpText } from "../src/config/help_text.ts";
import { openStore } from "../src/lake/open_store.ts";
import type { Logger } from "../src/log/logger.ts";
import { printOut, runMain } from "./cli.ts";

/** Publish the DAG files with the process's args and env; returns the exit code. */
export async function main(log: Logger): Promise<number> {
  const env = Deno.env.toObject();
  const parsed = readPublishConfig(Deno.args, env);
  if (parsed.help) {
    printOut(helpText(PUBLISH_DECLARATION));
    return 0;
  }
  const { config } = parsed;
  const files = await readDagFiles(config.dagsDir);
  const target = `s3://${config.bucket}/${config.prefix}`;
  const store = await openStore(target, { env, cwd: Deno.cwd(), log });
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

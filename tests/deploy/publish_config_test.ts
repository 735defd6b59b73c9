import assert from "node:assert/strict";
import { readPublishConfig } from "../../src/deploy/publish_config.ts";
import { ConfigError } from "../../src/errors.ts";

function configOf(args: string[], env: Record<string, string> = {}) {
  const parsed = readPublishConfig(args, env);
  assert.equal(parsed.help, false);
  return parsed.help ? undefined : parsed.config;
}

function problemsOf(args: string[], env: Record<string, string> = {}): string[] {
  try {
    readPublishConfig(args, env);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
  throw new Error("expected a ConfigError");
}

Deno.test("readPublishConfig() uses --bucket with the default dags/ prefix and folder", () => {
  assert.deepEqual(configOf(["--bucket", "data-track-integrated-exercise"]), {
    bucket: "data-track-integrated-exercise",
    prefix: "dags/",
    dagsDir: "dags",
    dryRun: false,
  });
});

Deno.test("readPublishConfig() takes the bucket of an s3 --lake and ignores its prefix", () => {
  assert.deepEqual(configOf(["--lake", "s3://my-bucket/ana/lake", "--dry-run"]), {
    bucket: "my-bucket",
    prefix: "dags/",
    dagsDir: "dags",
    dryRun: true,
  });
});

Deno.test("readPublishConfig() falls back to AIRQ_DAG_BUCKET, then an s3 AIRQ_LAKE", () => {
  assert.equal(
    configOf([], { AIRQ_DAG_BUCKET: "from-env", AIRQ_LAKE: "s3://lake-bucket/x" })?.bucket,
    "from-env",
  );
  assert.equal(configOf([], { AIRQ_LAKE: "s3://lake-bucket/x" })?.bucket, "lake-bucket");
  assert.equal(
    configOf(["--bucket", "flag-wins"], { AIRQ_DAG_BUCKET: "env" })?.bucket,
    "flag-wins",
  );
});

Deno.test("readPublishConfig() adds the trailing slash of --prefix and accepts the root", () => {
  assert.equal(configOf(["--bucket", "bkt", "--prefix", "mwaa/dags"])?.prefix, "mwaa/dags/");
  assert.equal(configOf(["--bucket", "bkt", "--prefix", ""])?.prefix, "");
  assert.equal(configOf(["--bucket", "bkt", "--dags-dir", "/tmp/d"])?.dagsDir, "/tmp/d");
});

Deno.test("readPublishConfig() returns help for --help", () => {
  assert.deepEqual(readPublishConfig(["--help"], {}), { help: true });
});

Deno.test("readPublishConfig() throws ConfigError when no bucket is given", () => {
  assert.deepEqual(problemsOf([], { AIRQ_LAKE: "file://./lake" }), [
    "no target bucket: pass --bucket B or --lake s3://bucket/prefix (or set AIRQ_DAG_BUCKET)",
  ]);
});

Deno.test("readPublishConfig() lists every problem of bad flags at once", () => {
  assert.deepEqual(
    problemsOf(["--bucket", "Bad_Bucket", "--lake", "file://./lake", "--prefix", "../x"]),
    [
      "--bucket and --lake are exclusive: pass one of them",
      '--bucket: Invalid lake URI "s3://Bad_Bucket/": "Bad_Bucket" is not a valid S3 bucket name; use file:///abs/path, file://./rel/path or s3://bucket/prefix',
      '--prefix "../x" must be folder names of letters, digits, "_", "-" and "." joined by "/", e.g. dags/',
    ],
  );
  assert.deepEqual(problemsOf(["--lake", "file://./lake"]), [
    '--lake "file://./lake" must be an s3:// URI to publish DAGs',
  ]);
});

Deno.test("readPublishConfig() rejects unknown flags with a pointer to --help", () => {
  assert.throws(
    () => readPublishConfig(["--bukket", "x"], {}),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message === "Invalid configuration: Unknown option '--bukket'; did you mean --bucket?",
  );
});

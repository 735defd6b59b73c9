/**
 * A silent S3 endpoint (accepts connections, never answers): each request gives up after
 * AIRQ_S3_TIMEOUT_MS, each retry is logged, and the run stops its remaining days with one
 * clear error instead of waiting for each of them.
 */
import assert from "node:assert/strict";
import { runTask, theError, withTempDir } from "./_task_run.ts";

/** A TCP server that accepts every connection and never writes a byte. */
function startSilentServer() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    try {
      for await (const conn of listener) held.push(conn);
    } catch {
      // closed
    }
  })();
  return {
    url: `http://127.0.0.1:${listener.addr.port}`,
    close: async () => {
      listener.close();
      for (const c of held) c.close();
      await accepting;
    },
  };
}

/** A lake on the silent endpoint, with a 200 ms request timeout. */
function s3Env(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret-example",
    AIRQ_S3_TIMEOUT_MS: "200",
  };
}

for (const task of ["ingest", "transform"]) {
  Deno.test(`${task} against a silent S3 endpoint times out, logs retries and stops early`, async () => {
    const s3 = startSilentServer();
    try {
      await withTempDir(async (dir) => {
        const api = task === "ingest"
          ? ["--api-url", "http://127.0.0.1:9/sos/api/v1/"]
          : ["--workers", "1"];
        const run = await runTask(task, [
          ...["--date", "2024-11-20", "--to", "2024-11-23", "--lake", "s3://lake/airq", ...api],
        ], {
          cwd: dir,
          env: s3Env(s3.url),
        });
        assert.equal(run.code, 1, run.stderr);
        assert.match(
          theError(run),
          new RegExp(
            `^Cannot reach the lake "s3://lake/airq": 5 attempts failed, the last with: .*` +
              `no answer (from \\S+ )?within 200 ms.*: check AWS_ENDPOINT_URL_S3 \\("${s3.url}"\\) and the ` +
              "network, or raise AIRQ_S3_TIMEOUT_MS \\(200 ms\\)$",
          ),
        );
        const retries = run.events.filter((e) => e.event === "s3_retry");
        assert.equal(retries.length, 4);
        assert.ok(retries.every((e) => e.level === "warn" && /200 ms/.test(String(e.error))));
        if (task === "ingest") {
          // Ingest first reads the manifest of every date it would touch (selection-safe
          // days), so an unreachable store stops the run before any day.
          assert.equal(run.events.filter((e) => e.event === "day_done").length, 0);
        } else {
          assert.equal(run.events.filter((e) => e.event === "day_done").length, 1);
          const stopped = run.events.find((e) => e.event === "stopped")!;
          assert.deepEqual(stopped.dates_not_run, ["2024-11-21", "2024-11-22", "2024-11-23"]);
        }
      });
    } finally {
      await s3.close();
    }
  });
}

Deno.test("transform in workers against a silent S3 endpoint stops handing out days", async () => {
  const s3 = startSilentServer();
  try {
    await withTempDir(async (dir) => {
      const run = await runTask("transform", [
        ...["--date", "2024-11-20", "--to", "2024-11-27", "--lake", "s3://lake/airq"],
        ...["--workers", "2"],
      ], {
        cwd: dir,
        env: s3Env(s3.url),
      });
      assert.equal(run.code, 1, run.stderr);
      const done = run.events.filter((e) => e.event === "day_done");
      assert.ok(done.length >= 1 && done.length <= 2, `${done.length} days done`);
      const stopped = run.events.find((e) => e.event === "stopped")!;
      assert.equal((stopped.dates_not_run as string[]).length, 8 - done.length);
    });
  } finally {
    await s3.close();
  }
});

/** tasks/ingest.ts run as a subprocess: exit codes, --help, and one JSON line per event. */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const NO_AIRQ_ENV = { AIRQ_LAKE: "", AIRQ_API_URL: "", AIRQ_TIMEZONE: "", AIRQ_PHENOMENA: "" };

async function runTask(args: string[], cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", `${ROOT}deno.json`, `${ROOT}tasks/ingest.ts`, ...args],
    cwd,
    env: { ...NO_AIRQ_ENV, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr).split("\n").filter((l) => l.startsWith("{"));
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    events: stderr.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "airq-ingest-task-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("tasks/ingest.ts --help documents every flag and env variable and exits 0", async () => {
  await withDir(async (dir) => {
    const r = await runTask(["--help"], dir);
    assert.equal(r.code, 0);
    for (
      const word of [
        "--date",
        "--to",
        "--lake",
        "--api-url",
        "--timezone",
        "--phenomena",
        "--near LON,LAT,KM",
        "--concurrency",
        "--chunk-size",
        "--timeout-ms",
        "--retries",
        "AIRQ_LAKE",
        "AIRQ_API_URL",
        "AIRQ_TIMEZONE",
        "AIRQ_PHENOMENA",
        "default: file://./lake",
        "default: https://geo.irceline.be/sos/api/v1/",
        "default: Europe/Brussels",
        "default: 5,6001,8,71,1",
      ]
    ) assert.ok(r.stdout.includes(word), `--help lacks "${word}"`);
  });
});

Deno.test("tasks/ingest.ts exits 2 with one JSON error line for an unknown flag", async () => {
  await withDir(async (dir) => {
    const r = await runTask(["--dat", "2024-11-20"], dir);
    assert.equal(r.code, 2);
    assert.equal(r.events.length, 1);
    assert.equal(r.events[0]!.event, "failed");
    assert.equal(r.events[0]!.error, "ConfigError");
    assert.equal(
      r.events[0]!.message,
      "Invalid configuration: Unknown option '--dat'; did you mean --date?",
    );
  });
});

Deno.test("tasks/ingest.ts ingests a day from the fixture API and logs JSON events", async () => {
  const api = await startFixtureServer();
  try {
    await withDir(async (dir) => {
      const r = await runTask(["--date", "2024-11-20", "--api-url", api.url], dir);
      assert.equal(r.code, 0);
      const names = r.events.map((e) => e.event).filter((e) => e !== "progress");
      assert.deepEqual(names, ["start", "day_start", "discovered", "day_done", "summary"]);
      assert.ok(r.events.every((e) => e.task === "ingest" && typeof e.ts === "string"));
      const summary = r.events.at(-1)!;
      assert.equal(summary.ok, true);
      assert.equal(summary.lake, `file://${await Deno.realPath(dir)}/lake`);
      assert.deepEqual(summary.days, [{ date: "2024-11-20", status: "ok" }]);
      for (
        const k of ["stations", "series", "values", "bytes", "requests", "retries", "duration_ms"]
      ) {
        assert.equal(typeof summary[k], "number", k);
      }
      await Deno.stat(`${dir}/lake/raw/irceline/date=2024-11-20/_manifest.json`);
    });
  } finally {
    await api.close();
  }
});

Deno.test("tasks/ingest.ts exits 1 when the API keeps failing", async () => {
  const api = await startFixtureServer({
    failureRate: 1,
    failureModes: ["503"],
    maxFailuresPerRequest: 1000,
  });
  try {
    await withDir(async (dir) => {
      const r = await runTask(
        ["--date", "2024-11-20", "--api-url", api.url, "--retries", "0"],
        dir,
      );
      assert.equal(r.code, 1);
      const done = r.events.find((e) => e.event === "day_done")!;
      assert.equal(done.status, "failed");
      assert.equal(done.level, "error");
      assert.match(String((done.errors as string[])[0]), /status 503/);
      await assert.rejects(
        Deno.stat(`${dir}/lake/raw/irceline/date=2024-11-20`),
        Deno.errors.NotFound,
      );
    });
  } finally {
    await api.close();
  }
});

/**
 * End to end: the fixture API over real HTTP → `deno task ingest` → `deno task transform`
 * (real subprocesses, real CLI, exit codes) into a file:// lake and into versitygw (S3).
 */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import type { CleanTable } from "../../src/lake/layout.ts";
import type { ObjectStore } from "../../src/lake/object_store.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { readParquet } from "../../src/parquet.ts";
import { parseValues } from "../../src/transform/parse_raw.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { dayWindow } from "../../src/time/day_window.ts";
import { startVersitygw } from "../_versitygw.ts";
import { sha256Of } from "../_raw_day.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const TZ = "Europe/Brussels";

async function task(name: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", name, ...args],
    cwd: ROOT,
    env: { ...env, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  const events = stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  return { code: out.code, events, stderr };
}

/** sha256 of every clean/ object, by key. */
async function cleanHashes(store: ObjectStore): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const { key } of store.list("clean/")) {
    out.set(key, await sha256Of((await store.get(key))!));
  }
  return out;
}

async function rows(store: ObjectStore, table: CleanTable, date: string) {
  const part = await readPublishedPartition(store, table, date);
  assert.equal(part.files.length, 1);
  return (await readParquet(part.files[0]!.bytes)).rows;
}

/** Expected (series, stamp) pairs of the day, computed from the raw files independently. */
async function expectedPairs(store: ObjectStore, date: string): Promise<number> {
  const w = dayWindow(date, TZ);
  const pairs = new Set<string>();
  for await (const { key } of store.list(`raw/irceline/date=${date}/values/`)) {
    const single = /series_(\d+)\.json$/.exec(key);
    const text = new TextDecoder().decode((await store.get(key))!);
    for (const [id, values] of parseValues(text, key, single ? Number(single[1]) : undefined)) {
      for (const v of values) {
        if (v.timestamp > w.startMs && v.timestamp <= w.endMs) pairs.add(`${id}/${v.timestamp}`);
      }
    }
  }
  return pairs.size;
}

async function checkDay(store: ObjectStore, date: string) {
  const hourly = await rows(store, "measurements_hourly", date);
  const aggregate = await rows(store, "aggregate_station_by_day", date);
  const hours = dayWindow(date, TZ).hours;
  assert.equal(hourly.length, await expectedPairs(store, date));
  assert.ok(aggregate.length > 0);
  for (const a of aggregate) {
    assert.equal(a.expected_count, hours);
    assert.equal(a.day_timezone, TZ);
    const own = hourly.filter((h) => h.timeseries_id === a.timeseries_id && h.value !== null);
    assert.equal(a.value_count, own.length);
    assert.equal(a.min_value, Math.min(...own.map((h) => h.value as number)));
    assert.equal(a.is_valid, own.length >= Math.ceil(0.75 * hours));
  }
  return { hourly, aggregate };
}

Deno.test("transform task turns an ingested file:// lake into clean partitions, rerun identical", async () => {
  const api = await startFixtureServer({ port: 0 });
  const dir = await Deno.makeTempDir({ prefix: "airq-transform-e2e-" });
  try {
    const lake = `file://${dir}`;
    const store = await openStore(lake, { env: {}, cwd: ROOT });
    const ingest = await task("ingest", [
      "--date",
      "2024-10-26",
      "--to",
      "2024-10-27",
      "--lake",
      lake,
      "--api-url",
      api.url,
    ]);
    assert.equal(ingest.code, 0, ingest.stderr);

    const first = await task("transform", [
      "--date",
      "2024-10-26",
      "--to",
      "2024-10-27",
      "--lake",
      lake,
    ]);
    assert.equal(first.code, 0, first.stderr);
    const summary = first.events.find((e) => e.event === "summary");
    assert.deepEqual([summary.ok, summary.days_ok, summary.days_failed], [true, 2, 0]);
    const autumn = await checkDay(store, "2024-10-27");
    assert.ok(autumn.hourly.some((h) => h.datetime === "2024-10-27T02:00:00+01:00"));
    await checkDay(store, "2024-10-26");
    const before = await cleanHashes(store);
    assert.equal(before.size, 8);

    const range = ["--date", "2024-10-26", "--to", "2024-10-27", "--lake", lake];
    const statuses = (run: { events: Record<string, unknown>[] }) =>
      run.events.filter((e) => e.event === "day_done").map((e) => e.status);
    // A plain rerun skips the days built from the current raw manifests…
    const again = await task("transform", range);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(statuses(again), ["skipped", "skipped"]);
    assert.deepEqual(await cleanHashes(store), before);

    // …and a forced one rewrites them byte for byte.
    const forced = await task("transform", [...range, "--force"]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual(statuses(forced), ["ok", "ok"]);
    assert.deepEqual(await cleanHashes(store), before);

    // A range replaces exactly its partitions: 2024-10-26 alone leaves 2024-10-27 as it was.
    const one = await task("transform", ["--date", "2024-10-26", "--lake", lake, "--force"]);
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(statuses(one), ["ok"]);
    assert.deepEqual(await cleanHashes(store), before);
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("transform task refuses an unfinished and a tampered raw day without touching clean/", async () => {
  const api = await startFixtureServer({ port: 0 });
  const dir = await Deno.makeTempDir({ prefix: "airq-transform-e2e-" });
  try {
    const lake = `file://${dir}`;
    const store = await openStore(lake, { env: {}, cwd: ROOT });
    const args = ["--date", "2024-03-30", "--to", "2024-03-31", "--lake", lake];
    assert.equal((await task("ingest", [...args, "--api-url", api.url])).code, 0);
    assert.equal((await task("transform", args)).code, 0);
    const before = await cleanHashes(store);

    await store.delete("raw/irceline/date=2024-03-30/_manifest.json");
    const tampered = "raw/irceline/date=2024-03-31/stations.json";
    await store.put(tampered, new TextEncoder().encode("[]"));
    const run = await task("transform", args);
    assert.equal(run.code, 1);
    const failed = run.events.filter((e) => e.event === "day_done").map((e) => [e.date, e.status]);
    assert.deepEqual(failed, [["2024-03-30", "failed"], ["2024-03-31", "failed"]]);
    const errors = run.events.filter((e) => e.event === "day_done").map((e) => e.error as string);
    assert.match(
      errors[0]!,
      /^Cannot transform 2024-03-30: .* has no _manifest\.json .*: run "deno task ingest --date 2024-03-30 --lake file:\/\/\/\S+" first$/,
    );
    assert.match(
      errors[1]!,
      /^Cannot transform 2024-03-31: raw file "raw\/irceline\/date=2024-03-31\/stations\.json" has sha256 .* it was edited after ingest: re-ingest 2024-03-31$/,
    );
    assert.deepEqual(await cleanHashes(store), before);
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("transform task exits 2 on bad flags and 0 on --help", async () => {
  const bad = await task("transform", ["--date", "2024-02-30", "--timezone", "Mars/Olympus"]);
  assert.equal(bad.code, 2);
  const failed = bad.events.find((e) => e.event === "failed");
  assert.equal(
    failed.message,
    'Invalid configuration:\n  - --timezone: Unknown time zone "Mars/Olympus": use an IANA name ' +
      'such as Europe/Brussels\n  - --date: Invalid date "2024-02-30": no such calendar day',
  );
  const help = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "transform", "--help"],
    cwd: ROOT,
    stdout: "piped",
  }).output();
  assert.equal(help.code, 0);
  assert.match(new TextDecoder().decode(help.stdout), /^Usage: deno task transform /);
});

Deno.test("transform task writes clean partitions into S3 (versitygw), rerun identical", async () => {
  const api = await startFixtureServer({ port: 0 });
  const s3 = await startVersitygw();
  try {
    await s3.bucket("airq-lake");
    const env = {
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      AWS_REGION: s3.region,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
    };
    const lake = "s3://airq-lake/test/lake";
    const args = ["--date", "2024-03-31", "--lake", lake];
    const ingest = await task("ingest", [...args, "--api-url", api.url], env);
    assert.equal(ingest.code, 0, ingest.stderr);
    const first = await task("transform", args, env);
    assert.equal(first.code, 0, first.stderr);
    const store = await openStore(lake, { env, cwd: ROOT });
    const { hourly } = await checkDay(store, "2024-03-31");
    assert.ok(hourly.every((h) => !String(h.datetime).startsWith("2024-03-31T02:")));
    const before = await cleanHashes(store);
    assert.equal(before.size, 4);
    const again = await task("transform", [...args, "--force"], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.events.find((e) => e.event === "day_done").status, "ok");
    assert.deepEqual(await cleanHashes(store), before);
  } finally {
    await s3.close();
    await api.close();
  }
});

import assert from "node:assert/strict";
import { openDuckDb } from "../../src/duckdb.ts";
import type { IngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { EMF_EVENTS, EMF_UNITS, withEmf } from "../../src/log/emf.ts";
import { transformRange } from "../../src/transform/transform_range.ts";
import { createLogger, type Logger } from "../../src/log/logger.ts";
import { stderrSink } from "../../tasks/cli.ts";
import { MemoryStore } from "../_fakes.ts";
import { windowStamps, writeRawDay } from "../_raw_day.ts";
import { fakeApi, SMALL_NETWORK } from "../ingest/_fake_api.ts";
import { emfProblems } from "../support/emf_spec.ts";
import { testIngestConfig } from "../ingest/_ingest_config.ts";

const TS = "2024-11-21T02:00:00.000Z";
const EMF = { deployment: "ana" };

/** Lines of a JSON logger with EMF, and the same events through one without. */
function twoLoggers(task: string): { log: Logger; withMetrics: string[]; plain: string[] } {
  const withMetrics: string[] = [];
  const plain: string[] = [];
  const now = () => new Date(TS);
  const a = createLogger(task, {
    sink: stderrSink({ json: true, write: (l) => withMetrics.push(l), emf: EMF }),
    now,
  });
  const b = createLogger(task, {
    sink: stderrSink({ json: true, write: (l) => plain.push(l) }),
    now,
  });
  return { log: (e, f, l) => (a(e, f, l), b(e, f, l)), withMetrics, plain };
}

/** Each line with EMF: it passes the spec, keeps every plain field; returns its metrics. */
function checkLines(withMetrics: string[], plain: string[], events: string[]) {
  const metrics: Record<string, number>[] = [];
  assert.equal(withMetrics.length, plain.length);
  withMetrics.forEach((line, i) => {
    const full = JSON.parse(line);
    const before = JSON.parse(plain[i]!);
    if (!events.includes(before.event)) return assert.equal(line, plain[i]);
    assert.deepEqual(emfProblems(line), [], line);
    for (const [k, v] of Object.entries(before)) assert.deepEqual(full[k], v, k);
    assert.deepEqual(Object.keys(full).slice(0, Object.keys(before).length), Object.keys(before));
    assert.equal(full.deployment, "ana");
    assert.equal(full._aws.Timestamp, Date.parse(TS));
    const names = full._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name);
    metrics.push(Object.fromEntries(names.map((n: string) => [n, full[n]])));
  });
  return metrics;
}

function ingestConfig(dates: string[]): IngestConfig {
  return testIngestConfig(dates);
}

Deno.test("emfProblems() finds each broken rule of the spec (the checker can fail)", () => {
  const good = {
    task: "ingest",
    deployment: "ana",
    DaysOk: 1,
    _aws: {
      Timestamp: 1,
      CloudWatchMetrics: [{
        Namespace: "airq",
        Dimensions: [["task", "deployment"]],
        Metrics: [{ Name: "DaysOk", Unit: "Count" }],
      }],
    },
  };
  assert.deepEqual(emfProblems(JSON.stringify(good)), []);
  const broken = (change: (o: typeof good & Record<string, unknown>) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return emfProblems(JSON.stringify(copy));
  };
  const d = (o: typeof good) => o._aws.CloudWatchMetrics[0]!;
  assert.deepEqual(broken((o) => (o.DaysOk = "1" as unknown as number)), [
    'CloudWatchMetrics[0].Metrics[0]: target member "DaysOk" is not a number (or 1-100 numbers)',
  ]);
  assert.deepEqual(broken((o) => delete (o as Record<string, unknown>).deployment), [
    'CloudWatchMetrics[0].Dimensions[0]: target member "deployment" is not a string of 1-1024 characters',
  ]);
  assert.deepEqual(broken((o) => (d(o).Metrics[0]!.Unit = "Days")), [
    'CloudWatchMetrics[0].Metrics[0].Unit: "Days" is not an allowed unit',
  ]);
  const many = Array.from({ length: 31 }, (_, i) => `d${i}`);
  assert.ok(
    broken((o) => {
      d(o).Dimensions = [many];
      for (const k of many) o[k] = "x";
    }).includes("CloudWatchMetrics[0].Dimensions[0]: more than 30 dimension keys"),
  );
  assert.deepEqual(
    broken((o) => {
      d(o).Metrics = Array.from({ length: 101 }, (_, i) => ({ Name: `m${i}`, Unit: "Count" }));
      for (let i = 0; i < 101; i++) o[`m${i}`] = i;
    }),
    ["CloudWatchMetrics[0].Metrics: more than 100 definitions"],
  );
  assert.deepEqual(broken((o) => (o._aws.Timestamp = "now" as unknown as number)), [
    "_aws.Timestamp: not a number of milliseconds since 1970",
  ]);
  assert.deepEqual(broken((o) => Object.assign(d(o), { Extra: 1 })), [
    'CloudWatchMetrics[0]: member "Extra" is not in the spec',
  ]);
  assert.deepEqual(emfProblems('{"event":"start"}'), ["_aws: missing or not an object"]);
});

Deno.test("EMF_EVENTS declares allowed units, distinct names and at most 100 metrics per event", () => {
  for (const [task, events] of Object.entries(EMF_EVENTS)) {
    for (const [event, rules] of Object.entries(events)) {
      const names = rules.map((r) => r.name);
      assert.equal(new Set(names).size, names.length, `${task} ${event}`);
      assert.ok(names.length <= 100);
      for (const r of rules) assert.ok((EMF_UNITS as readonly string[]).includes(r.unit));
    }
  }
});

Deno.test("withEmf() adds the deployment, the values and the block to a transform day", () => {
  const record = {
    ts: TS,
    level: "info",
    task: "transform",
    event: "day_done",
    status: "ok",
    date: "2024-11-20",
    aggregate_rows: 9,
    invalid_aggregates: 2,
    series: 12,
  };
  assert.equal(
    JSON.stringify(withEmf(record, EMF)),
    JSON.stringify({
      ...record,
      deployment: "ana",
      DaysOk: 1,
      DaysFailed: 0,
      DaysSkipped: 0,
      ValidAggregates: 7,
      ValidAggregateShare: 58.33,
      _aws: {
        Timestamp: Date.parse(TS),
        CloudWatchMetrics: [{
          Namespace: "airq",
          Dimensions: [["task", "deployment"]],
          Metrics: [
            { Name: "DaysOk", Unit: "Count" },
            { Name: "DaysFailed", Unit: "Count" },
            { Name: "DaysSkipped", Unit: "Count" },
            { Name: "ValidAggregates", Unit: "Count" },
            { Name: "ValidAggregateShare", Unit: "Percent" },
          ],
        }],
      },
    }),
  );
});

Deno.test("withEmf() leaves events without metrics, other tasks and taken names unchanged", () => {
  const base = { ts: TS, level: "info", status: "ok", series: 3 };
  for (
    const r of [
      { ...base, task: "ingest", event: "start" },
      { ...base, task: "demo", event: "day_done" },
      { ...base, task: "report", event: "summary" },
      { ...base, task: "ingest", event: "day_done", deployment: "x" },
      { ...base, task: "load", event: "day_done", DaysOk: "yes", DaysFailed: 0, inserted: 5 },
    ]
  ) {
    const out = withEmf(r, EMF);
    if (r.event === "day_done" && r.task === "load") {
      // A field that already has a metric's name keeps its value and is not declared.
      assert.deepEqual({ ...out, _aws: undefined }, {
        ...r,
        deployment: "ana",
        DaysSkipped: 0,
        RowsLoaded: 5,
        _aws: undefined,
      });
      assert.deepEqual(
        (out._aws as { CloudWatchMetrics: { Metrics: unknown }[] }).CloudWatchMetrics[0]!.Metrics,
        [{ Name: "DaysSkipped", Unit: "Count" }, { Name: "RowsLoaded", Unit: "Count" }],
      );
    } else assert.equal(out, r);
  }
});

Deno.test("ingest's day_done and summary lines are valid EMF with the day's counts", async () => {
  const fake = fakeApi({
    series: SMALL_NETWORK,
    failWhen: (_url, body) => (body.includes("2024-11-21T00:00:00+01:00/") ? 503 : undefined),
  });
  const store = new MemoryStore();
  const client = createIrcelineClient({
    fetch: fake.fetch,
    retries: 1,
    sleep: () => Promise.resolve(),
  });
  let ms = Date.UTC(2024, 11, 1);
  const now = () => Temporal.Instant.fromEpochMilliseconds(ms += 1000);
  const { log, withMetrics, plain } = twoLoggers("ingest");
  const first = await ingestRange(ingestConfig(["2024-11-20", "2024-11-21"]), {
    store,
    client,
    log,
    now,
  });
  await ingestRange(ingestConfig(["2024-11-20"]), { store, client, log, now });
  const metrics = checkLines(withMetrics, plain, ["day_done", "summary"]);
  const ok = first.days[0]!;
  const failed = first.days[1]!;
  assert.deepEqual(metrics, [
    {
      DaysOk: 1,
      DaysFailed: 0,
      DaysSkipped: 0,
      SeriesFetched: 6,
      ValuesFetched: ok.values,
      Requests: ok.requests,
      Retries: 0,
    },
    { DaysOk: 0, DaysFailed: 1, DaysSkipped: 0, Requests: failed.requests, Retries: 1 },
    { Duration: first.summary.duration_ms },
    { DaysOk: 0, DaysFailed: 0, DaysSkipped: 1, Requests: 0, Retries: 0 },
    { Duration: JSON.parse(plain.at(-1)!).duration_ms },
  ]);
  assert.ok(first.summary.duration_ms > 0);
  assert.ok(ok.values > 0 && ok.requests > 0 && failed.requests > 0);
});

Deno.test("transform's day_done and summary lines are valid EMF with the valid share", async () => {
  const store = new MemoryStore();
  const stamps = windowStamps("2024-01-01").slice(1);
  await writeRawDay(store, {
    date: "2024-01-01",
    series: [
      { id: 1, station: 2, phenomenon: 5, values: stamps.map((t): [number, number] => [t, 1]) },
      { id: 3, station: 2, phenomenon: 8, values: stamps.slice(0, 5).map((t) => [t, 2]) },
      { id: 4, station: 5, phenomenon: 8, values: [] },
    ],
  });
  const { log, withMetrics, plain } = twoLoggers("transform");
  let t = 0;
  const options = { store, timezone: "Europe/Brussels", db: openDuckDb, log, clock: () => t += 5 };
  const first = await transformRange(["2024-01-01", "2024-01-02"], options);
  const again = await transformRange(["2024-01-01"], options);
  assert.deepEqual(checkLines(withMetrics, plain, ["day_done", "summary"]), [
    {
      DaysOk: 1,
      DaysFailed: 0,
      DaysSkipped: 0,
      ValidAggregates: 1,
      ValidAggregateShare: 33.33,
    },
    { DaysOk: 0, DaysFailed: 1, DaysSkipped: 0 },
    { Duration: first.summary.duration_ms },
    { DaysOk: 0, DaysFailed: 0, DaysSkipped: 1 },
    { Duration: again.summary.duration_ms },
  ]);
});

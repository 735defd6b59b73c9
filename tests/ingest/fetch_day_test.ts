import assert from "node:assert/strict";
import { fetchDay, type FetchDayOptions } from "../../src/ingest/fetch_day.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { fakeApi, type FakeApiOptions, SMALL_NETWORK } from "./_fake_api.ts";

const API = "http://api.test/sos/api/v1/";
const TIMESPAN = "2024-11-20T00:00:00+01:00/2024-11-21T00:00:00+01:00";

function setup(api: Partial<FakeApiOptions> = {}, extra: Partial<FetchDayOptions> = {}) {
  const fake = fakeApi({ series: SMALL_NETWORK, ...api });
  const events: [string, Record<string, unknown> | undefined][] = [];
  const options: FetchDayOptions = {
    apiUrl: API,
    timezone: "Europe/Brussels",
    phenomena: [1, 5, 8, 71, 6001],
    near: null,
    concurrency: 2,
    chunkSize: 2,
    client: createIrcelineClient({ fetch: fake.fetch, retries: 1, sleep: () => Promise.resolve() }),
    log: (event, fields) => events.push([event, fields]),
    ...extra,
  };
  return { fake, events, options };
}

Deno.test("fetchDay() discovers, lists units and fetches values in sorted bulk chunks", async () => {
  const { fake, events, options } = setup();
  const day = await fetchDay("2024-11-20", options);
  assert.deepEqual(day.errors, []);
  assert.deepEqual(day.missing, []);
  assert.equal(day.timespan, TIMESPAN);
  assert.deepEqual(day.files.map((f) => f.path), [
    "stations.json",
    "timeseries/phenomenon=1.json",
    "timeseries/phenomenon=5.json",
    "timeseries/phenomenon=6001.json",
    "timeseries/phenomenon=8.json",
    "values/bulk_6152_7147.json",
    "values/bulk_7148_7150.json",
    "values/bulk_7186_100008.json",
  ]);
  assert.equal(day.files[0]!.key, "raw/irceline/date=2024-11-20/stations.json");
  const posts = fake.sent.filter((s) => s.method === "POST").map((s) => JSON.parse(s.body));
  assert.deepEqual(posts.map((p) => p.timeseries).sort(), [
    ["6152", "7147"],
    ["7148", "7150"],
    ["7186", "100008"],
  ]);
  assert.ok(posts.every((p) => p.timespan === TIMESPAN));
  assert.equal(day.values, 12);
  assert.deepEqual(day.series.find((s) => s.timeseries_id === 7186), {
    timeseries_id: 7186,
    station_id: 1234,
    phenomenon_id: 8,
    file: "values/bulk_7186_100008.json",
  });
  assert.deepEqual(events[0], ["discovered", {
    date: "2024-11-20",
    stations: 4,
    stations_with_series: 3,
    series: 6,
    phenomena: { "1": 1, "5": 3, "8": 1, "71": 0, "6001": 1 },
  }]);
  assert.deepEqual(events.filter(([e]) => e === "progress").map(([, f]) => f!.done), [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
  ]);
  assert.ok(!fake.sent.some((s) => s.url.includes("phenomenon=71")));
});

Deno.test("fetchDay() falls back to per-series GETs for a chunk that answers 404", async () => {
  const { fake, events, options } = setup({
    failWhen: (_url, body) => (body.includes('"7148"') ? 404 : undefined),
  });
  const day = await fetchDay("2024-11-20", options);
  assert.deepEqual(day.errors, []);
  assert.deepEqual(
    day.files.filter((f) => f.kind !== "stations" && f.kind !== "timeseries_list").map((
      f,
    ) => [f.path, f.timeseries_ids]),
    [
      ["values/bulk_6152_7147.json", [6152, 7147]],
      ["values/bulk_7186_100008.json", [7186, 100008]],
      ["values/series_7148.json", [7148]],
      ["values/series_7150.json", [7150]],
    ],
  );
  const gets = fake.sent.filter((s) => s.url.includes("/getData?")).map((s) => s.url);
  assert.deepEqual(gets, [
    `${API}timeseries/7148/getData?timespan=2024-11-20T00%3A00%3A00%2B01%3A00%2F2024-11-21T00%3A00%3A00%2B01%3A00`,
    `${API}timeseries/7150/getData?timespan=2024-11-20T00%3A00%3A00%2B01%3A00%2F2024-11-21T00%3A00%3A00%2B01%3A00`,
  ]);
  assert.equal(day.values, 12);
  assert.deepEqual(events.filter(([e]) => e === "fallback"), [["fallback", {
    date: "2024-11-20",
    first: 7148,
    last: 7150,
    series: 2,
  }]]);
});

Deno.test("fetchDay() fails a chunk that answers 400 without falling back to per-series GETs", async () => {
  const { fake, events, options } = setup({
    failWhen: (_url, body) => (body.includes('"7148"') ? 400 : undefined),
  });
  const day = await fetchDay("2024-11-20", options);
  assert.deepEqual(day.missing, [7148, 7150]);
  assert.equal(day.errors.length, 1);
  assert.match(day.errors[0]!, /^Cannot fetch POST "http:\/\/api\.test\/[^"]+": status 400 /);
  assert.deepEqual(fake.sent.filter((s) => s.url.includes("/getData?")), []);
  assert.equal(fake.sent.filter((s) => s.body.includes('"7148"')).length, 1);
  assert.deepEqual(events.filter(([e]) => e === "fallback"), []);
});

Deno.test("fetchDay() records a series unknown even per series as missing, the rest still fetched", async () => {
  const { options } = setup({ unknown: [7150] });
  const day = await fetchDay("2024-11-20", options);
  assert.deepEqual(day.missing, [7150]);
  assert.equal(day.errors.length, 1);
  assert.match(
    day.errors[0]!,
    /^Cannot fetch GET "http:\/\/api\.test\/sos\/api\/v1\/timeseries\/7150\/getData\?timespan=[^"]+": status 404 /,
  );
  assert.ok(day.files.some((f) => f.path === "values/series_7148.json"));
  assert.ok(day.files.some((f) => f.path === "values/bulk_7186_100008.json"));
});

Deno.test("fetchDay() records a chunk failing with 503 after its retries", async () => {
  const { fake, options } = setup({
    failWhen: (_url, body) => (body.includes('"7186"') ? 503 : undefined),
  });
  const day = await fetchDay("2024-11-20", options);
  assert.deepEqual(day.missing, [7186, 100008]);
  assert.equal(day.errors.length, 1);
  assert.match(day.errors[0]!, /^Cannot complete the request after 2 attempts: Cannot fetch POST /);
  assert.equal(fake.sent.filter((s) => s.body.includes('"7186"')).length, 2);
});

Deno.test("fetchDay() throws when discovery fails", async () => {
  const { options } = setup({ failWhen: (url) => (url.includes("/stations") ? 500 : undefined) });
  await assert.rejects(fetchDay("2024-11-20", options), {
    name: "RetryError",
    message:
      /^Cannot complete the request after 2 attempts: Cannot fetch GET "http:\/\/api\.test\/sos\/api\/v1\/stations\?expanded=true": status 500 /,
  });
});

Deno.test("fetchDay() sends the DST day's 23-hour window with both offsets", async () => {
  const { fake, options } = setup({}, { phenomena: [8] });
  const day = await fetchDay("2024-03-31", options);
  assert.equal(day.window.hours, 23);
  assert.deepEqual(JSON.parse(fake.sent.find((s) => s.method === "POST")!.body), {
    timespan: "2024-03-31T00:00:00+01:00/2024-04-01T00:00:00+02:00",
    timeseries: ["7186"],
  });
});

Deno.test("fetchDay() never has more than `concurrency` requests in flight, fallbacks included", async () => {
  const fake = fakeApi({
    series: SMALL_NETWORK,
    failWhen: (_u, body) => (body !== "" ? 404 : undefined),
  });
  let active = 0;
  let peak = 0;
  const slowFetch = async (input: string | URL | Request, init?: RequestInit) => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 1));
    try {
      return await fake.fetch(input, init);
    } finally {
      active--;
    }
  };
  const { options } = setup({}, {
    concurrency: 3,
    chunkSize: 100,
    client: createIrcelineClient({ fetch: slowFetch as typeof fetch, retries: 0 }),
  });
  const day = await fetchDay("2024-11-20", options);
  assert.deepEqual(day.errors, []);
  assert.equal(day.files.filter((f) => f.kind === "values_series").length, 6);
  assert.equal(peak, 3);
});

/**
 * Bad API answers: `deno task ingest --force` of a day the lake already holds complete,
 * against a fake API that answers like IRCEL except for one malformed or wrong-shaped
 * answer. Each run exits 1 with one clear error naming the problem and the fix, and the
 * lake is exactly as before (sha256 and mtime of every file).
 */
import assert from "node:assert/strict";
import { type BadApiRequest, jsonAnswer, SEEDED_DATE, seedLake, startBadApi } from "./_bad_api.ts";
import { runTask, snapshot, theError, withTempDir } from "./_task_run.ts";

const FIX = "check that --api-url (AIRQ_API_URL) points at a 52°North Timeseries API v1 such " +
  "as https://geo.irceline.be/sos/api/v1/";
const HOST = String.raw`http://127\.0\.0\.1:\d+/sos/api/v1/`;

type Override = (
  req: BadApiRequest,
  upstream: () => Promise<Response>,
) => Promise<Response | undefined>;

/** Seed a lake, rerun its day through the bad API, return the one error. */
async function failingIngest(override: Override, extraArgs: string[] = []): Promise<string> {
  const api = await startBadApi(override);
  try {
    let message = "";
    await withTempDir(async (dir) => {
      const lake = `file://${dir}/lake`;
      await seedLake(lake, { cwd: dir });
      const before = await snapshot(`${dir}/lake`);
      const run = await runTask("ingest", [
        "--date",
        SEEDED_DATE,
        "--force",
        "--lake",
        lake,
        "--api-url",
        api.url,
        "--retries",
        "0",
        ...extraArgs,
      ], { cwd: dir });
      assert.equal(run.code, 1, run.stderr);
      message = theError(run);
      assert.deepEqual(await snapshot(`${dir}/lake`), before);
    });
    return message;
  } finally {
    await api.close();
  }
}

const onStations = (edit: (json: unknown[]) => unknown): Override => async (req, upstream) => {
  if (req.path !== "stations") return undefined;
  return jsonAnswer(edit(await (await upstream()).json()));
};

const onValues =
  (edit: (json: Record<string, { values: unknown[] }>) => unknown): Override =>
  async (req, upstream) => {
    if (req.method !== "POST") return undefined;
    return jsonAnswer(edit(await (await upstream()).json()));
  };

/** The first series id of a bulk answer. */
const first = (json: Record<string, unknown>) => Object.keys(json).sort()[0]!;

Deno.test("ingest refuses a stations answer that is not an array", async () => {
  const message = await failingIngest(onStations(() => ({ stations: [] })));
  assert.match(
    message,
    new RegExp(
      `^Cannot validate the answer of "${HOST}stations\\?expanded=true": field "\\$" must be an array, got \\{"stations":\\[\\]\\}: `,
    ),
  );
  assert.ok(message.endsWith(FIX), message);
});

Deno.test("ingest refuses a station without its id", async () => {
  const message = await failingIngest(onStations((list) => {
    delete (list[2] as { properties: { id?: number } }).properties.id;
    return list;
  }));
  assert.match(
    message,
    new RegExp(
      `^Cannot validate the answer of "${HOST}stations\\?expanded=true": field "\\$\\[2\\]\\.properties\\.id" is missing: `,
    ),
  );
  assert.ok(message.endsWith(FIX), message);
});

Deno.test("ingest refuses a value that is not a number", async () => {
  const message = await failingIngest(onValues((json) => {
    (json[first(json)]!.values[1] as Record<string, unknown>).value = "12,5";
    return json;
  }));
  assert.match(
    message,
    new RegExp(
      `^Cannot validate the answer of "${HOST}timeseries/getData": field "\\$\\["\\d+"\\]\\.values\\[1\\]\\.value" must be a number, null or "NaN", got "12,5": `,
    ),
  );
  assert.ok(message.endsWith(FIX), message);
});

Deno.test("ingest refuses a timestamp that is not an integer", async () => {
  const message = await failingIngest(onValues((json) => {
    (json[first(json)]!.values[0] as Record<string, unknown>).timestamp = "2024-11-20T01:00:00Z";
    return json;
  }));
  assert.match(
    message,
    new RegExp(
      `^Cannot validate the answer of "${HOST}timeseries/getData": field "\\$\\["\\d+"\\]\\.values\\[0\\]\\.timestamp" must be an integer, got "2024-11-20T01:00:00Z": `,
    ),
  );
  assert.ok(message.endsWith(FIX), message);
});

Deno.test("ingest refuses series in the data that were not requested", async () => {
  const message = await failingIngest(onValues((json) => ({ ...json, "999999": { values: [] } })));
  assert.match(
    message,
    new RegExp(
      `^Cannot validate the answer of "${HOST}timeseries/getData": field "\\$\\["999999"\\]" is a series that was not requested: `,
    ),
  );
  assert.ok(message.endsWith(FIX), message);
});

Deno.test("ingest refuses an API that answers an HTML page", async () => {
  const message = await failingIngest((req) =>
    Promise.resolve(
      req.path === "stations"
        ? new Response("<!DOCTYPE html><html><body>Site under maintenance</body></html>", {
          headers: { "content-type": "text/html; charset=utf-8" },
        })
        : undefined,
    )
  );
  assert.match(
    message,
    new RegExp(
      `^Cannot read the answer of "${HOST}stations\\?expanded=true": content type "text/html; charset=utf-8" is not JSON \\(a wrong --api-url, a proxy or a maintenance page\\?\\): <!DOCTYPE html><html><body>Site under maintenance</body></html>$`,
    ),
  );
});

Deno.test("ingest refuses an unknown phenomenon id that has no series anywhere", async () => {
  const message = await failingIngest(() => Promise.resolve(undefined), [
    "--phenomena",
    "999",
    "--replace", // the seeded day holds the default selection
  ]);
  assert.match(
    message,
    new RegExp(
      `^Cannot ingest ${SEEDED_DATE}: none of the requested phenomena \\(999\\) has a series at "${HOST}": check --phenomena \\(IRCEL ids: 5 PM10, 6001 PM2\\.5, 8 NO2, 7 O3, 1 SO2, 71 CO2\\)$`,
    ),
  );
});

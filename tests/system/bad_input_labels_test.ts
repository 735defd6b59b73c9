/**
 * Hostile station labels (path separators, "..", control characters, bidi overrides, very
 * long unicode) are data: they are stored byte for byte and reach the clean tables, but
 * never an object key (keys come from numeric ids only) nor a log line unescaped.
 */
import assert from "node:assert/strict";
import { createLogger } from "../../src/log/logger.ts";
import { stderrSink } from "../../tasks/cli.ts";
import { rawSeriesValuesKey, rawTimeseriesListKey } from "../../src/lake/layout.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { readParquet } from "../../src/parquet.ts";
import { readPublishedPartition } from "../../src/lake/read_partition.ts";
import { jsonAnswer, SEEDED_DATE, startBadApi } from "./_bad_api.ts";
import { runTask, snapshot, withTempDir } from "./_task_run.ts";

const HOSTILE = [
  "../../../etc/passwd",
  "a/b\\c/../..//d",
  '\u001b[31mRED\u001b[0m\r\n{"level":"error","event":"forged"}',
  "nul\u0000bell\u0007del\u007fc1\u0085",
  "\u202eevil\u2066 \u2028line\u2029",
  `${"🌫️ Brüssel-Nord ".repeat(800)}end`,
];

/** C0 (except the newline between lines), DEL, C1, line separators and bidi controls. */
// deno-lint-ignore no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const KEY = new RegExp(
  "^(raw/irceline/date=\\d{4}-\\d{2}-\\d{2}/(stations\\.json|_manifest\\.json|" +
    "timeseries/phenomenon=\\d+\\.json|values/(bulk_\\d+_\\d+|series_\\d+)\\.json)|" +
    "clean/(measurements_hourly|aggregate_station_by_day)/date=\\d{4}-\\d{2}-\\d{2}/" +
    "(part-0\\.parquet|_SUCCESS))$",
);

Deno.test("hostile station labels never reach a key or a log line unescaped, and stay data", async () => {
  const api = await startBadApi(async (req, upstream) => {
    if (req.path !== "stations") return undefined;
    const list = await (await upstream()).json() as { properties: { label: string } }[];
    list.forEach((s, i) => (s.properties.label = HOSTILE[i % HOSTILE.length]!));
    return jsonAnswer(list);
  });
  try {
    await withTempDir(async (dir) => {
      const lake = `file://${dir}/lake`;
      const args = ["--date", SEEDED_DATE, "--lake", lake];
      const ingest = await runTask("ingest", [...args, "--api-url", api.url], { cwd: dir });
      assert.equal(ingest.code, 0, ingest.stderr);
      const transform = await runTask("transform", args, { cwd: dir });
      assert.equal(transform.code, 0, transform.stderr);
      for (const run of [ingest, transform]) {
        assert.equal(run.events.length, run.lines.length, "every stderr line is JSON");
        assert.ok(!UNSAFE.test(run.stderr), "no raw control character on stderr");
        assert.ok(!run.events.some((e) => e.event === "forged"));
      }

      const keys = Object.keys(await snapshot(`${dir}/lake`)).sort();
      assert.ok(keys.length > 8);
      for (const key of keys) assert.match(key, KEY);
      assert.deepEqual(await Array.fromAsync(Deno.readDir(dir), (e) => e.name), ["lake"]);

      const store = await openStore(lake, { env: {}, cwd: dir });
      const p = await readPublishedPartition(store, "aggregate_station_by_day", SEEDED_DATE);
      const labels = new Set(
        (await readParquet(p.files[0]!.bytes)).rows.map((r) => r.station_label),
      );
      for (const label of HOSTILE) assert.ok(labels.has(label), JSON.stringify(label.slice(0, 40)));
    });
  } finally {
    await api.close();
  }
});

Deno.test("keys are built from numeric ids only: a label-like id is refused", () => {
  for (const id of ["../1", "1/2", "", "1e3", "١٢"]) {
    assert.throws(() => rawSeriesValuesKey(SEEDED_DATE, id as unknown as number), {
      name: "RangeError",
      message: `Invalid numeric id for a key: "${id}"`,
    });
  }
  assert.throws(() => rawTimeseriesListKey("2024-11-20/../x", 5), {
    name: "RangeError",
    message: 'Invalid partition date: "2024-11-20/../x"',
  });
});

Deno.test("stderrSink() escapes control, C1 and bidi characters in human and JSON lines", () => {
  for (const json of [false, true]) {
    const lines: string[] = [];
    const log = createLogger("ingest", {
      sink: stderrSink({ json, write: (l) => lines.push(l) }),
      now: () => new Date(0),
    });
    for (const label of HOSTILE) log("station", { label, nested: { label } }, "warn");
    assert.equal(lines.length, HOSTILE.length);
    for (const line of lines) {
      assert.ok(!UNSAFE.test(line) && !line.includes("\n"), JSON.stringify(line.slice(0, 80)));
    }
    if (json) {
      assert.deepEqual(lines.map((l) => JSON.parse(l).label), HOSTILE);
    } else {
      assert.equal(
        lines[2],
        'WARN ingest: station label=\\u001b[31mRED\\u001b[0m\\u000d\\u000a{"level":"error",' +
          '"event":"forged"} nested={"label":"\\u001b[31mRED\\u001b[0m\\r\\n{\\"level\\":' +
          '\\"error\\",\\"event\\":\\"forged\\"}"}',
      );
    }
  }
});

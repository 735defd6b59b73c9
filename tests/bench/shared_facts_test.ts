/**
 * bench/_days.py keeps a Python copy of airq's facts for the baselines: the pollutant codes
 * and the station-code pattern of src/lake/pollutant_codes.ts, the sentinel bound of
 * src/irceline/valid_value.ts, the valid share of src/transform/sql.ts. They must stay equal:
 * the codes are read from the TypeScript source (each checked against pollutantCode()), and
 * a set of labels must give the same station codes in Python's `re` and in stationCode().
 */
import assert from "node:assert/strict";
import { pollutantCode, stationCode } from "../../src/lake/pollutant_codes.ts";
import { SENTINEL_MAX } from "../../src/irceline/valid_value.ts";
import { VALID_SHARE } from "../../src/transform/sql.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const PYTHON = `${ROOT}.tools/venv-bench/bin/python`;

const LABELS = [
  "40AL01 - Linkeroever",
  "42R803 - Antwerpen (Park Spoor Noord)",
  "Linkeroever",
  "40AL01-Linkeroever",
  " 40AL01 - Linkeroever",
  "40-AL01 - Linkeroever",
  "ABCDEFGHIJKLMNOP - sixteen",
  "ABCDEFGHIJKLMNOPQ - seventeen",
  "40ÅL01 - not ASCII",
  "40AL01 - ",
  "40AL01 -",
  "",
];

interface PythonFacts {
  pollutant_codes: Record<string, string>;
  station_code: string;
  station_codes: (string | null)[];
  sentinel_max: number;
  valid_share: number;
  mean_scale: number;
}

async function pythonFacts(): Promise<PythonFacts> {
  const script = `
import json, re, sys
sys.path.insert(0, sys.argv[1])
import _days
labels = json.loads(sys.argv[2])
print(json.dumps({
    "pollutant_codes": _days.POLLUTANT_CODES,
    "station_code": _days.STATION_CODE,
    "station_codes": [(lambda m: m.group(1) if m else None)(re.search(_days.STATION_CODE, x))
                      for x in labels],
    "sentinel_max": _days.SENTINEL_MAX,
    "valid_share": _days.VALID_SHARE,
    "mean_scale": _days.MEAN_SCALE,
}))
`;
  const out = await new Deno.Command(PYTHON, {
    args: ["-c", script, `${ROOT}bench`, JSON.stringify(LABELS)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** The `[id, "code"]` entries of the CODES table in src/lake/pollutant_codes.ts. */
async function typeScriptCodes(): Promise<Record<string, string>> {
  const source = await Deno.readTextFile(`${ROOT}src/lake/pollutant_codes.ts`);
  const table = /const CODES[^=]*= new Map\(\[([\s\S]*?)\]\);/.exec(source)?.[1];
  assert.ok(table, "the CODES table of src/lake/pollutant_codes.ts");
  const codes: Record<string, string> = {};
  for (const [, id, code] of table.matchAll(/\[(\d+), "([^"]*)"\]/g)) {
    assert.equal(pollutantCode(Number(id)), code, `pollutantCode(${id})`);
    codes[id!] = code!;
  }
  return codes;
}

Deno.test("bench/_days.py has airq's pollutant codes", async () => {
  const [python, typeScript] = await Promise.all([pythonFacts(), typeScriptCodes()]);
  assert.ok(Object.keys(typeScript).length >= 10);
  assert.deepEqual(python.pollutant_codes, typeScript);
  for (const unknown of [0, 6, 62101]) assert.equal(pollutantCode(unknown), null);
});

Deno.test("bench/_days.py has airq's station-code pattern, value rule and valid share", async () => {
  const python = await pythonFacts();
  const source = await Deno.readTextFile(`${ROOT}src/lake/pollutant_codes.ts`);
  assert.equal(/return \/(.*)\/\.exec\(label/.exec(source)?.[1], python.station_code);
  assert.deepEqual(python.station_codes, LABELS.map(stationCode));
  assert.equal(python.sentinel_max, SENTINEL_MAX);
  assert.equal(python.valid_share, VALID_SHARE);
  assert.equal(python.mean_scale, 2 ** -1000);
});

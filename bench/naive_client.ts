/**
 * The naive baseline of the ingest benchmark, as a straightforward client of the API would
 * fetch a day: `GET stations?expanded=true`, then ONE sequential `GET timeseries/<id>/getData`
 * per selected series, each answer written as its own JSON file. No concurrency, no bulk
 * request, no retry. Kept in bench/ only: it is the thing airq is measured against.
 *
 * CLI (prints one JSON line with the counts on stdout):
 *   deno run -A bench/naive_client.ts --api-url URL --date YYYY-MM-DD --out DIR
 *     [--timezone Europe/Brussels] [--phenomena 5,6001,8,71,1]
 */
import { parseArgs } from "node:util";
import { DEFAULT_PHENOMENA, DEFAULT_TIMEZONE } from "../src/config/defaults.ts";
import { dayWindow } from "../src/time/day_window.ts";

/** Options of naiveIngest(). */
export interface NaiveOptions {
  apiUrl: string;
  timezone: string;
  phenomena: number[];
  /** Folder the JSON files go into (created). */
  outDir: string;
  fetch?: typeof fetch;
}

/** What the naive client did. */
export interface NaiveResult {
  requests: number;
  series: number;
  values: number;
  bytes: number;
}

interface ExpandedStation {
  properties: { timeseries: Record<string, { phenomenon: { id: string } }> };
}

/** Fetch one local day the naive way; throws on the first failed request. */
export async function naiveIngest(date: string, options: NaiveOptions): Promise<NaiveResult> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const base = options.apiUrl.replace(/\/+$/, "") + "/";
  const window = dayWindow(date, options.timezone);
  const timespan = encodeURIComponent(`${window.startIso}/${window.endIso}`);
  const result: NaiveResult = { requests: 0, series: 0, values: 0, bytes: 0 };
  const get = async (url: string): Promise<string> => {
    result.requests++;
    const res = await doFetch(url, { headers: { accept: "application/json" } });
    const text = await res.text();
    if (!res.ok) throw new Error(`Cannot fetch "${url}": status ${res.status}: ${text}`);
    result.bytes += new TextEncoder().encode(text).byteLength;
    return text;
  };
  await Deno.mkdir(options.outDir, { recursive: true });
  const stationsText = await get(`${base}stations?expanded=true`);
  await Deno.writeTextFile(`${options.outDir}/stations.json`, stationsText);
  const wanted = new Set(options.phenomena.map(String));
  for (const station of JSON.parse(stationsText) as ExpandedStation[]) {
    for (const [id, params] of Object.entries(station.properties.timeseries)) {
      if (!wanted.has(params.phenomenon.id)) continue;
      const text = await get(`${base}timeseries/${id}/getData?timespan=${timespan}`);
      await Deno.writeTextFile(`${options.outDir}/${id}.json`, text);
      result.series++;
      result.values += (JSON.parse(text) as { values: unknown[] }).values.length;
    }
  }
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      "api-url": { type: "string" },
      date: { type: "string" },
      out: { type: "string" },
      timezone: { type: "string", default: DEFAULT_TIMEZONE },
      phenomena: { type: "string", default: DEFAULT_PHENOMENA },
    },
  });
  if (!values["api-url"] || !values.date || !values.out) {
    throw new TypeError("Cannot run the naive client: --api-url, --date and --out are required");
  }
  const result = await naiveIngest(values.date, {
    apiUrl: values["api-url"],
    timezone: values.timezone,
    phenomena: values.phenomena.split(",").map(Number),
    outDir: values.out,
  });
  await Deno.stdout.write(new TextEncoder().encode(`${JSON.stringify(result)}\n`));
}

if (import.meta.main) await main();

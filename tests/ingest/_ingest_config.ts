/** An IngestConfig for tests: a memory lake, the five default phenomena, small limits. */
import type { IngestConfig } from "../../src/ingest/config.ts";

/** The config of `dates` against `apiUrl`; `overrides` replace single settings. */
export function testIngestConfig(
  dates: string[],
  overrides: Partial<IngestConfig> = {},
): IngestConfig {
  return {
    dates,
    run: { dates, range: dates, lookback: [], arrayIndex: undefined },
    force: false,
    replace: false,
    lookbackDays: 0,
    lake: "memory://",
    lakeUri: { kind: "file", uri: "memory://", path: "/" },
    apiUrl: "http://api.test/sos/api/v1/",
    timezone: "Europe/Brussels",
    phenomena: [1, 5, 8, 71, 6001],
    near: null,
    concurrency: 2,
    chunkSize: 100,
    timeoutMs: 1000,
    retries: 1,
    ...overrides,
  };
}

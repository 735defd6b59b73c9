/**
 * Test helpers of the bad-input tests: a fake API on 127.0.0.1 that answers like the
 * fixture server except where `override` returns its own (bad) answer, and a lake seeded
 * with one complete raw day (and optionally its clean partitions) from the fixture server.
 */
import { openDuckDb } from "../../src/duckdb.ts";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { readIngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { transformRange } from "../../src/transform/transform_range.ts";

/** The seeded day. */
export const SEEDED_DATE = "2024-11-20";

/** One request as the override sees it: path relative to /sos/api/v1/, query, body. */
export interface BadApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  /** The Authorization header ("" when none). */
  authorization: string;
}

/** A running fake API. */
export interface BadApi {
  url: string;
  close(): Promise<void>;
}

/** Serve the fixture API, replacing the answers that `override` returns. */
export async function startBadApi(
  override: (
    req: BadApiRequest,
    upstream: () => Promise<Response>,
  ) => Promise<Response | undefined>,
): Promise<BadApi> {
  const fixture = await startFixtureServer();
  const base = new URL(fixture.url);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    const url = new URL(r.url);
    const body = r.method === "POST" ? await r.text() : "";
    const path = url.pathname.replace(/^\/sos\/api\/v1\/?/, "");
    const upstream = async () => {
      const res = await fetch(new URL(`${path}${url.search}`, base), {
        method: r.method,
        headers: { "content-type": "application/json" },
        ...(r.method === "POST" ? { body } : {}),
      });
      return new Response(await res.arrayBuffer(), {
        status: res.status,
        headers: { "content-type": res.headers.get("content-type") ?? "application/json" },
      });
    };
    const authorization = r.headers.get("authorization") ?? "";
    const req = { method: r.method, path, query: url.searchParams, body, authorization };
    return (await override(req, upstream)) ??
      await upstream();
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/sos/api/v1/`,
    close: async () => {
      await server.shutdown();
      await fixture.close();
    },
  };
}

/** A JSON answer with status 200. */
export function jsonAnswer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8" },
  });
}

/** Ingest (and with `clean`, transform) SEEDED_DATE from the fixture API into `lake`. */
export async function seedLake(
  lake: string,
  options: { cwd: string; env?: Record<string, string>; clean?: boolean },
): Promise<void> {
  const env = options.env ?? {};
  const api = await startFixtureServer();
  try {
    const parsed = readIngestConfig(
      ["--date", SEEDED_DATE, "--api-url", api.url, "--lake", lake],
      env,
      { now: Temporal.Instant.from("2026-01-01T00:00:00Z"), cwd: options.cwd },
    );
    if (parsed.help) throw new Error("help");
    const store = await openStore(lake, { env, cwd: options.cwd });
    const ingest = await ingestRange(parsed.config, {
      store,
      client: createIrcelineClient({ retries: 0 }),
      log: () => {},
      now: () => Temporal.Now.instant(),
    });
    if (!ingest.summary.ok) throw new Error("Cannot seed the lake: ingest failed");
    if (options.clean) {
      const t = await transformRange([SEEDED_DATE], {
        store,
        timezone: "Europe/Brussels",
        db: openDuckDb,
        log: () => {},
        clock: () => performance.now(),
      });
      if (!t.summary.ok) throw new Error("Cannot seed the lake: transform failed");
    }
  } finally {
    await api.close();
  }
}

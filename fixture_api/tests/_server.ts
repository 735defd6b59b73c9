/** Shared helpers for the fixture server's HTTP tests. */
import { type FixtureServer, type FixtureServerOptions, startFixtureServer } from "../server.ts";

/** The clock every HTTP test injects: 2026-11-24T12:30:00Z. */
export const NOW = Date.UTC(2026, 10, 24, 12, 30);

/** Start a server, run `fn`, always close it. */
export async function withServer(
  options: FixtureServerOptions,
  fn: (server: FixtureServer) => Promise<void>,
): Promise<void> {
  const server = await startFixtureServer({ now: () => NOW, ...options });
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

/** A fetched answer: status, content type, raw text and parsed JSON. */
export interface Fetched {
  status: number;
  type: string | null;
  text: string;
  // deno-lint-ignore no-explicit-any
  json: any;
}

/** GET (or POST with `body`) a path relative to the server's base URL. */
export async function call(server: FixtureServer, path: string, body?: unknown): Promise<Fetched> {
  const init: RequestInit = body === undefined ? {} : {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
  const res = await fetch(new URL(path, server.url), init);
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    text,
    json: JSON.parse(text),
  };
}

/** URL-encode a near query of 10 km around Antwerp. */
export const NEAR_ANTWERP = encodeURIComponent(
  '{"center":{"type":"Point","coordinates":[4.40346,51.21989]},"radius":10}',
);

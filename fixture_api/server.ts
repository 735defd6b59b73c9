/**
 * The fixture API server: IRCEL's 52°North Timeseries API v1 over real HTTP on 127.0.0.1,
 * with injected latency and seeded failures (429, 503, dropped connections, slow and
 * truncated answers), and request statistics for tests and benchmarks.
 */
import { catalogFor } from "./catalog.ts";
import { decideFault, FAILURE_MODES, type FailureMode, requestKey } from "./faults.ts";
import { handleApiRequest, routeOf } from "./routes.ts";
import { errorBody } from "./shapes.ts";
import type { ApiValue } from "./values.ts";

/** Options of startFixtureServer(). */
export interface FixtureServerOptions {
  /** Port on 127.0.0.1; 0 (default) = random. */
  port?: number;
  /** Delay before every answer (ms). Default 0. */
  latencyMs?: number;
  /** Probability 0..1 that an attempt fails. Default 0. */
  failureRate?: number;
  /** Modes to choose from when failing. Default all five. */
  failureModes?: FailureMode[];
  /** Seed of the failure choice. Default 1. */
  seed?: number;
  /** Recorded fixtures (default) or a synthetic network of N stations. */
  stations?: "fixtures" | number;
  /** Clock (epoch ms) for the default 7-day window, lastValue and "no future data". */
  now?: () => number;
  /** How long a "slow" answer waits (ms). Default 60000. */
  slowMs?: number;
  /** Attempts 0..k-1 of one request may fail; attempt k always succeeds. Default 2. */
  maxFailuresPerRequest?: number;
  /** Retry-After of 429 answers (seconds). Default 1. */
  retryAfterSeconds?: number;
  /** Sleep used for latency and slow answers (inject a fake in tests). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Late data and corrections: called for every value of a getData answer at request time
   * (so a test can change it between two runs); returns the value to serve instead.
   */
  revise?: (seriesId: string, timestampMs: number, value: ApiValue) => ApiValue;
  /** Called once per request, after the answer is chosen. */
  onRequest?: (event: RequestEvent) => void;
}

/** One served request, for logs. */
export interface RequestEvent {
  method: string;
  path: string;
  route: string;
  status: number;
  fault?: FailureMode;
  attempt: number;
}

/** A running fixture server. */
export interface FixtureServer {
  /** Base URL, e.g. `http://127.0.0.1:PORT/sos/api/v1/` (trailing slash). */
  url: string;
  close(): Promise<void>;
  stats(): { requests: number; failures: number; byPath: Record<string, number> };
}

const BASE = "/sos/api/v1";
const JSON_TYPE = "application/json;charset=UTF-8";

/**
 * Start the fixture server; resolves once it listens.
 * @example const api = await startFixtureServer({ failureRate: 0.2, seed: 7 });
 */
// deno-lint-ignore require-await
export async function startFixtureServer(
  options: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const failureRate = options.failureRate ?? 0;
  if (!(failureRate >= 0 && failureRate <= 1)) {
    throw new TypeError(`Cannot start fixture server: failureRate "${failureRate}" not in 0..1`);
  }
  const catalog = catalogFor(options.stations ?? "fixtures");
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const plan = {
    failureRate,
    failureModes: options.failureModes ?? FAILURE_MODES,
    seed: options.seed ?? 1,
    maxFailuresPerRequest: options.maxFailuresPerRequest ?? 2,
  };
  const closing = new AbortController();
  const stats = { requests: 0, failures: 0, byPath: {} as Record<string, number> };
  const attempts = new Map<string, number>();

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const inBase = url.pathname === BASE || url.pathname.startsWith(`${BASE}/`);
    const path = url.pathname.slice(BASE.length).replace(/^\/+|\/+$/g, "");
    const body = req.method === "POST" ? await req.text() : "";
    const route = inBase ? routeOf(req.method, path) : "(outside base)";
    stats.requests++;
    stats.byPath[route] = (stats.byPath[route] ?? 0) + 1;
    if (options.latencyMs) await sleep(options.latencyMs, closing.signal);
    const key = requestKey(req.method, path, url.search, body);
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    const fault = decideFault(plan, key, attempt);
    const log = (status: number) =>
      options.onRequest?.({
        method: req.method,
        path: url.pathname + url.search,
        route,
        status,
        attempt,
        ...(fault ? { fault } : {}),
      });
    if (fault) stats.failures++;
    if (fault === "429" || fault === "503") {
      const status = Number(fault);
      log(status);
      const headers: Record<string, string> = fault === "429"
        ? { "retry-after": String(options.retryAfterSeconds ?? 1) }
        : {};
      const message = fault === "429"
        ? "Too many requests, please retry later."
        : "The service is temporarily unavailable.";
      return json(status, errorBody(status, message), headers);
    }
    if (fault === "drop") {
      log(0);
      return droppedResponse();
    }
    if (fault === "slow") await sleep(options.slowMs ?? 60_000, closing.signal);
    let status: number;
    let text: string;
    if (!inBase) {
      status = 404;
      text = JSON.stringify(errorBody(404, `The resource '${url.pathname}' was not found.`));
    } else {
      const answer = handleApiRequest(
        { method: req.method, path, query: url.searchParams, body },
        { catalog, nowMs: now(), ...(options.revise ? { revise: options.revise } : {}) },
      );
      status = answer.status;
      text = JSON.stringify(answer.body);
    }
    if (fault === "truncate") text = text.slice(0, Math.floor(text.length / 2));
    log(status);
    return new Response(req.method === "HEAD" ? null : text, {
      status,
      headers: { "content-type": JSON_TYPE },
    });
  }

  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: options.port ?? 0,
    onListen: () => {},
    onError: (error) => {
      if (error instanceof DroppedConnection) return new Response(null, { status: 500 });
      const message = error instanceof Error ? error.message : String(error);
      return json(500, errorBody(500, "Internal server error.", { developerMessage: message }));
    },
  }, handle);
  return {
    url: `http://127.0.0.1:${server.addr.port}${BASE}/`,
    stats: () => ({ ...stats, byPath: { ...stats.byPath } }),
    close: async () => {
      closing.abort();
      await server.shutdown();
    },
  };
}

class DroppedConnection extends Error {
  override name = "DroppedConnection";
}

/** Headers go out, then the connection is reset before any body byte. */
function droppedResponse(): Response {
  const body = new ReadableStream({
    pull(controller) {
      controller.error(new DroppedConnection("dropped by fault injection"));
    },
  });
  return new Response(body, { headers: { "content-type": JSON_TYPE } });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, ...headers },
  });
}

/** setTimeout sleep that ends early when the server closes. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

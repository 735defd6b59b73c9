/**
 * A fault-injecting HTTP proxy for S3 tests, on 127.0.0.1 with a random port, in front of a
 * real S3 server (tests/_versitygw.ts). Point the store's endpoint at the proxy: requests are
 * forwarded with their method, raw path and query, headers (the Host header included, so SigV4
 * signatures stay valid) and body bytes unchanged, and the answer comes back unchanged. Some
 * attempts fail instead, chosen from a hash of (seed, request, attempt number) like the fixture
 * API: `503` SlowDown and `500` InternalError with S3 XML bodies, `reset` (connection reset
 * before forwarding: nothing reaches S3) and `reset_after` (forwarded and applied by S3, then
 * the client's connection is reset before the answer). Every request is recorded in order of
 * completion, so tests can check which PUTs reached S3 before which.
 *
 * node:http is used (not fetch) because fetch rewrites the Host header.
 */
import http from "node:http";
import { Buffer } from "node:buffer";

/** The injected fault kinds. */
export type S3FaultMode = "503" | "500" | "reset" | "reset_after";

/** All fault kinds. */
export const S3_FAULT_MODES: readonly S3FaultMode[] = ["503", "500", "reset", "reset_after"];

/** Options of startS3FaultProxy(). */
export interface S3FaultProxyOptions {
  /** Share of attempts that fail, 0..1 (default 0). */
  failureRate?: number;
  /** Kinds to choose from (default all). */
  modes?: readonly S3FaultMode[];
  /** Attempts 0..k-1 of one request may fail; attempt k is forwarded (default 2). */
  maxFailuresPerRequest?: number;
  /** Seed of the choice (default 1). */
  seed?: number;
  /** Only requests for which this is true may fail (default: all). */
  eligible?: (method: string, path: string) => boolean;
}

/** One request seen by the proxy. `path` is the raw path without the query. */
export interface ProxyRecord {
  method: string;
  path: string;
  query: string;
  attempt: number;
  fault?: S3FaultMode;
  /** Status answered by S3 (undefined when S3 never saw the request). */
  upstreamStatus?: number;
}

/** A running proxy. */
export interface S3FaultProxy {
  /** Base URL, e.g. http://127.0.0.1:40123 (use as AWS_ENDPOINT_URL_S3). */
  endpoint: string;
  /** Requests in order of completion. */
  records(): ProxyRecord[];
  close(): Promise<void>;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const S3_ERRORS: Record<"503" | "500", { code: string; message: string }> = {
  "503": { code: "SlowDown", message: "Please reduce your request rate." },
  "500": { code: "InternalError", message: "We encountered an internal error. Please try again." },
};

function errorXml(mode: "503" | "500", resource: string, id: number): string {
  const { code, message } = S3_ERRORS[mode];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}` +
    `</Message><Resource>${resource}</Resource><RequestId>FAULT${id}</RequestId></Error>`;
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(
  target: URL,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const out = http.request({
      host: target.hostname,
      port: Number(target.port),
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({
          status: res.statusCode ?? 502,
          headers: res.headers,
          body: Buffer.concat(chunks),
        });
      });
      res.on("error", reject);
    });
    out.on("error", reject);
    out.end(body);
  });
}

/** Start a proxy forwarding to `upstream` (e.g. versitygw's endpoint). */
export async function startS3FaultProxy(
  upstream: string,
  options: S3FaultProxyOptions = {},
): Promise<S3FaultProxy> {
  const target = new URL(upstream);
  const rate = options.failureRate ?? 0;
  const modes = options.modes ?? S3_FAULT_MODES;
  const maxFailures = options.maxFailuresPerRequest ?? 2;
  const seed = options.seed ?? 1;
  const attempts = new Map<string, number>();
  const records: ProxyRecord[] = [];
  let faults = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? "GET";
      const rawUrl = req.url ?? "/";
      const q = rawUrl.indexOf("?");
      const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
      const query = q < 0 ? "" : rawUrl.slice(q + 1);
      const key = `${method} ${rawUrl} ${body.byteLength}`;
      const attempt = attempts.get(key) ?? 0;
      attempts.set(key, attempt + 1);
      const h = fnv1a(`${seed}|${key}|${attempt}`);
      const eligible = options.eligible?.(method, path) ?? true;
      const fault = eligible && attempt < maxFailures && (h % 10_000) / 10_000 < rate
        ? modes[(h >>> 16) % modes.length]
        : undefined;
      const record: ProxyRecord = { method, path, query, attempt, ...(fault ? { fault } : {}) };
      if (fault === "503" || fault === "500") {
        records.push(record);
        const xml = errorXml(fault, path, ++faults);
        res.writeHead(Number(fault), {
          "content-type": "application/xml",
          "content-length": String(Buffer.byteLength(xml)),
        });
        res.end(xml);
        return;
      }
      if (fault === "reset") {
        records.push(record);
        req.socket.destroy();
        return;
      }
      try {
        const answer = await forward(target, req, body);
        records.push({ ...record, upstreamStatus: answer.status });
        if (fault === "reset_after") {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      } catch (error) {
        records.push(record);
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`proxy: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    records: () => [...records],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

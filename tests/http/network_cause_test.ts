import assert from "node:assert/strict";
import { hostPort, networkCause } from "../../src/http/network_cause.ts";

/** An error shaped like the one Deno's fetch() throws: "fetch failed", the reason as cause. */
function fetchFailed(reason: string): TypeError {
  return new TypeError("fetch failed", { cause: new Error(reason) });
}

Deno.test("hostPort() writes the scheme's port when the URL has none", () => {
  assert.deepEqual(hostPort("https://geo.irceline.be/sos/api/v1/"), {
    host: "geo.irceline.be",
    target: "geo.irceline.be:443",
  });
  assert.deepEqual(hostPort("http://127.0.0.1:9099/x"), {
    host: "127.0.0.1",
    target: "127.0.0.1:9099",
  });
  assert.deepEqual(hostPort("http://lake.test/"), { host: "lake.test", target: "lake.test:80" });
});

Deno.test("networkCause() names host, port and cause for refused, DNS, TLS, reset and non-HTTP", () => {
  const cases: [string, string, string][] = [
    [
      "http://127.0.0.1:9099/x",
      "error sending request for url (http://127.0.0.1:9099/x): client error (Connect): tcp " +
      "connect error: Connection refused (os error 111)",
      "connection refused by 127.0.0.1:9099 (is the server running on that port?)",
    ],
    [
      "https://geo.irceline.invalid/sos/",
      "error sending request for url (https://geo.irceline.invalid/sos/): client error " +
      "(Connect): dns error: failed to lookup address information: Name or service not known",
      'DNS lookup of "geo.irceline.invalid" failed (no such host, or no DNS server)',
    ],
    [
      "https://127.0.0.1:9111/x",
      "error sending request for url (https://127.0.0.1:9111/x): client error (Connect): " +
      "received corrupt message of type InvalidContentType",
      "TLS with 127.0.0.1:9111 failed: received corrupt message of type InvalidContentType",
    ],
    [
      "https://self-signed.test/",
      "error sending request for url (https://self-signed.test/): client error (Connect): " +
      "invalid peer certificate: UnknownIssuer",
      "TLS with self-signed.test:443 failed: invalid peer certificate: UnknownIssuer",
    ],
    [
      "http://127.0.0.1:9111/x",
      "error sending request from 127.0.0.1:53688 for http://127.0.0.1:9111/x " +
      "(127.0.0.1:9111): client error (SendRequest): invalid HTTP version parsed",
      "127.0.0.1:9111 did not answer with HTTP: invalid HTTP version parsed",
    ],
    [
      "http://lake.test:7070/k",
      "error sending request for url (http://lake.test:7070/k): client error (SendRequest): " +
      "connection closed before message completed",
      "lake.test:7070 closed the connection: connection closed before message completed",
    ],
  ];
  for (const [url, reason, want] of cases) {
    assert.equal(networkCause(url, fetchFailed(reason)), want);
  }
});

Deno.test("networkCause() keeps an unrecognised reason after host and port", () => {
  assert.equal(
    networkCause("http://a.test:81/", fetchFailed("something odd")),
    "a.test:81: something odd",
  );
  assert.equal(
    networkCause("http://a.test/", new TypeError("fetch failed")),
    "a.test:80: fetch failed",
  );
});

Deno.test("networkCause() explains what the real fetch() says for a closed port and a non-HTTP server", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = closed.addr.port;
  closed.close();
  const refused = await fetch(`http://127.0.0.1:${closedPort}/`).catch((e) => e);
  assert.equal(
    networkCause(`http://127.0.0.1:${closedPort}/`, refused),
    `connection refused by 127.0.0.1:${closedPort} (is the server running on that port?)`,
  );

  const garbage = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serve = (async () => {
    for await (const conn of garbage) {
      await conn.write(new TextEncoder().encode("garbage\r\n\r\n")).catch(() => 0);
      conn.close();
    }
  })();
  try {
    const url = `https://127.0.0.1:${garbage.addr.port}/`;
    const tls = await fetch(url).catch((e) => e);
    assert.match(
      networkCause(url, tls),
      new RegExp(`^TLS with 127\\.0\\.0\\.1:${garbage.addr.port} failed: `),
    );
  } finally {
    garbage.close();
    await serve.catch(() => {});
  }
});

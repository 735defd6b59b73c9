/**
 * Why a fetch failed, in words a person can act on: which host and port, and whether the
 * connection was refused, the name did not resolve, TLS failed, the peer reset the connection
 * or did not speak HTTP. fetch() itself only says "fetch failed"; the reason is in its cause
 * chain. Pure.
 */

/** What went wrong, recognised from the runtime's message. */
const CAUSES: readonly { test: RegExp; say: (target: string, host: string) => string }[] = [
  {
    test: /connection refused/i,
    say: (target) => `connection refused by ${target} (is the server running on that port?)`,
  },
  {
    test: /dns error|failed to lookup|name or service not known|nodename nor servname|no address/i,
    say: (_target, host) => `DNS lookup of "${host}" failed (no such host, or no DNS server)`,
  },
  {
    test: /certificate|tls|ssl|handshake|corrupt message|InvalidContentType|peer sent/i,
    say: (target) => `TLS with ${target} failed`,
  },
  { test: /timed out|timeout/i, say: (target) => `connection to ${target} timed out` },
  {
    test: /reset|broken pipe|connection closed|incomplete message|unexpected eof|reading a body/i,
    say: (target) => `${target} closed the connection`,
  },
  {
    test: /invalid http|parse error|SendRequest/i,
    say: (target) => `${target} did not answer with HTTP`,
  },
];

/** host:port of `url`, with the scheme's port when none is written. */
export function hostPort(url: string): { host: string; target: string } {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === "https:" ? "443" : u.protocol === "http:" ? "80" : "");
    return { host: u.hostname, target: port === "" ? u.hostname : `${u.hostname}:${port}` };
  } catch {
    return { host: url, target: url };
  }
}

/** The messages of `error` and its causes, outermost first. */
function messages(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    out.push(e.message);
    e = e.cause;
  }
  return out;
}

/** The innermost message, without the runtime's "error sending request for url (…):" prefix. */
function detail(error: unknown): string {
  const all = messages(error);
  const inner = all.at(-1) ?? String(error);
  return inner.replace(/^error sending request (for url|from \S+ for) \S+( \([^)]*\))?: /, "")
    .replace(/^client error \((Connect|SendRequest)\): /, "");
}

/**
 * Why fetching `url` failed: "connection refused by 127.0.0.1:9099 (…)", "DNS lookup of
 * "x.invalid" failed (…)", "TLS with host:443 failed: <detail>"; the runtime's own detail
 * follows a recognised cause and stands alone otherwise.
 */
export function networkCause(url: string, error: unknown): string {
  const { host, target } = hostPort(url);
  const text = messages(error).join(" | ");
  const found = CAUSES.find((c) => c.test.test(text));
  const why = detail(error);
  if (found === undefined) return `${target}: ${why}`;
  const said = found.say(target, host);
  return /refused|DNS/.test(said) ? said : `${said}: ${why}`;
}

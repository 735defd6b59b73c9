/**
 * Errors that callers catch. Everything else uses built-ins: TypeError for a bad
 * option, RangeError for an out-of-range value, SyntaxError for a payload of the
 * wrong shape (with the field path in the message).
 */

/** Cut a response body for an error message. */
export function cutBody(body: string, max = 500): string {
  return body.length > max ? `${body.slice(0, max)}…` : body;
}

const USER_INFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/;

/**
 * A URL with its user info (`user:password@`) replaced by `***@`, for anything logged,
 * stored (a manifest) or printed; any other text, URL or not, is returned unchanged.
 */
export function redactUserInfo(url: string): string {
  return url.replace(USER_INFO, "$1***@");
}

/** Replace secret-looking query parameters and userinfo in a URL for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username) u.username = "***";
    if (u.password) u.password = "***";
    for (const name of [...u.searchParams.keys()]) {
      if (/key|token|secret|signature|credential|password/i.test(name)) {
        u.searchParams.set(name, "***");
      }
    }
    return u.toString();
  } catch {
    return url;
  }
}

/** A non-2xx HTTP answer. `retriable` is true for 429 and 5xx. */
export class HttpError extends Error {
  override name = "HttpError";
  readonly status: number;
  readonly url: string;
  readonly bodySnippet: string;
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    init: {
      status: number;
      url: string;
      bodySnippet?: string;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.url = redactUrl(init.url);
    this.bodySnippet = init.bodySnippet ?? "";
    this.retryAfterMs = init.retryAfterMs;
  }
  /** Whether retrying the same request may succeed. */
  get retriable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** Invalid or missing configuration (flags, env). Lists every problem at once. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration:\n  - ${problems.join("\n  - ")}`,
    );
    this.problems = problems;
  }
}

/**
 * The lake's store does not answer (every attempt of a request timed out or failed on the
 * network): a run stops its remaining days instead of waiting for each of them.
 */
export class StoreUnreachableError extends Error {
  override name = "StoreUnreachableError";
}

/** A lake partition that is incomplete, tampered with or otherwise unusable. */
export class LakeError extends Error {
  override name = "LakeError";
}

/** Decoding of an API answer's bytes into JSON, with clear errors. Pure. */
import { cutBody } from "../errors.ts";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A SyntaxError that retry() treats as transient (a truncated or garbled body). */
export function truncatedBodyError(message: string, cause?: unknown): SyntaxError {
  const error = new SyntaxError(message, cause === undefined ? undefined : { cause });
  (error as SyntaxError & { retriable: boolean }).retriable = true;
  return error;
}

/**
 * Decode a JSON answer. A content type that is not JSON (an HTML error page) is terminal;
 * bytes that are not valid UTF-8 JSON (a truncated body) raise a retriable SyntaxError.
 */
export function decodeJson(bytes: Uint8Array, contentType: string, url: string): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (e) {
    throw truncatedBodyError(`Cannot read the answer of "${url}": body is not valid UTF-8`, e);
  }
  if (contentType !== "" && !/\bjson\b/i.test(contentType)) {
    throw new SyntaxError(
      `Cannot read the answer of "${url}": content type "${contentType}" is not JSON (a ` +
        `wrong --api-url, a proxy or a maintenance page?): ${cutBody(text, 200)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw truncatedBodyError(
      `Cannot read the answer of "${url}": invalid or truncated JSON (${bytes.byteLength} bytes): ${
        (e as Error).message
      }`,
      e,
    );
  }
}

import assert from "node:assert/strict";
import { decodeJson } from "../../src/irceline/decode_json.ts";
import { isRetriableError } from "../../src/http/retry.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const URL_ = "http://h/sos/api/v1/stations?expanded=true";

Deno.test("decodeJson() parses a JSON body", () => {
  assert.deepEqual(decodeJson(enc('{"values":[]}'), "application/json;charset=UTF-8", URL_), {
    values: [],
  });
});

Deno.test("decodeJson() refuses an HTML answer naming the URL and content type, not retriable", () => {
  const err = (() => {
    try {
      decodeJson(enc("<html>maintenance</html>"), "text/html", URL_);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof SyntaxError);
  assert.equal(
    err.message,
    'Cannot read the answer of "http://h/sos/api/v1/stations?expanded=true": content type "text/html" is not JSON (a wrong --api-url, a proxy or a maintenance page?): <html>maintenance</html>',
  );
  assert.equal(isRetriableError(err), false);
});

Deno.test("decodeJson() marks a truncated JSON body as retriable", () => {
  const err = (() => {
    try {
      decodeJson(enc('{"values":[{"timest'), "application/json", URL_);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof SyntaxError);
  assert.match(
    err.message,
    /^Cannot read the answer of "http:\/\/h\/sos\/api\/v1\/stations\?expanded=true": invalid or truncated JSON \(19 bytes\): /,
  );
  assert.equal(isRetriableError(err), true);
});

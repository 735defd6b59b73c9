import assert from "node:assert/strict";
import { redactUserInfo } from "../src/errors.ts";

Deno.test("redactUserInfo() replaces user and password, and nothing else", () => {
  assert.equal(redactUserInfo("http://user:PW@host:8/a/b?c=d"), "http://***@host:8/a/b?c=d");
  assert.equal(redactUserInfo("https://PW@host/"), "https://***@host/");
  assert.equal(redactUserInfo("http://u:p@ss@host/x@y"), "http://***@host/x@y");
});

Deno.test("redactUserInfo() returns a URL without user info byte for byte", () => {
  for (
    const url of [
      "https://geo.irceline.be/sos/api/v1/timeseries/getData",
      "http://127.0.0.1:8/sos/api/v1/stations?expanded=true&near=%7B%7D",
      "http://host/path@not-user-info",
      "http://host?q=a@b",
      "not a url",
    ]
  ) {
    assert.equal(redactUserInfo(url), url);
  }
});

import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import {
  buildS3Request,
  EMPTY_SHA256,
  encodeKey,
  s3EndpointFromEnv,
  signRequest,
  signS3Request,
} from "../../src/lake/s3_request.ts";
import { sha256Hex } from "../../src/sha256_hex.ts";

// AWS's published examples: the SigV4 test suite (get-vanilla, get-vanilla-query-order-key-case)
// and the S3 "Authenticating Requests: Using the Authorization Header" examples.
const SUITE = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const S3_DOCS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const S3_DOCS_SCOPE = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";

Deno.test("signRequest() matches the SigV4 suite vector get-vanilla", async () => {
  const req = await signRequest({ method: "GET", url: "https://example.amazonaws.com/" }, SUITE, {
    service: "service",
    region: "us-east-1",
    datetime: "20150830T123600Z",
  });
  assert.equal(
    req.headers.get("authorization"),
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
      "SignedHeaders=host;x-amz-date, " +
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
  );
  assert.equal(req.headers.get("x-amz-date"), "20150830T123600Z");
});

Deno.test("signRequest() matches the SigV4 suite vector get-vanilla-query-order-key-case", async () => {
  const req = await signRequest(
    { method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1" },
    SUITE,
    { service: "service", region: "us-east-1", datetime: "20150830T123600Z" },
  );
  assert.equal(
    req.headers.get("authorization"),
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
      "SignedHeaders=host;x-amz-date, " +
      "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
  );
});

Deno.test("signRequest() matches the S3 docs example GET Object (range, empty payload)", async () => {
  const req = await signRequest(
    {
      method: "GET",
      url: "https://examplebucket.s3.amazonaws.com/test.txt",
      headers: { range: "bytes=0-9", "x-amz-content-sha256": EMPTY_SHA256 },
    },
    S3_DOCS,
    { service: "s3", region: "us-east-1", datetime: "20130524T000000Z", allHeaders: true },
  );
  assert.equal(
    req.headers.get("authorization"),
    `AWS4-HMAC-SHA256 Credential=${S3_DOCS_SCOPE}, ` +
      "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
      "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  );
});

Deno.test("signRequest() matches the S3 docs example PUT Object (signed payload, $ in the key)", async () => {
  const body = new TextEncoder().encode("Welcome to Amazon S3.");
  const hash = await sha256Hex(body);
  assert.equal(hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  const req = await signRequest(
    {
      method: "PUT",
      url: `https://examplebucket.s3.amazonaws.com/${encodeKey("test$file.text")}`,
      headers: {
        date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        "x-amz-content-sha256": hash,
      },
      body,
    },
    S3_DOCS,
    { service: "s3", region: "us-east-1", datetime: "20130524T000000Z", allHeaders: true },
  );
  assert.equal(
    req.headers.get("authorization"),
    `AWS4-HMAC-SHA256 Credential=${S3_DOCS_SCOPE}, ` +
      "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, " +
      "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
  );
});

Deno.test("signRequest() matches the S3 docs example GET Bucket (list, query sorted)", async () => {
  const req = await signRequest(
    {
      method: "GET",
      url: "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J",
      headers: { "x-amz-content-sha256": EMPTY_SHA256 },
    },
    S3_DOCS,
    { service: "s3", region: "us-east-1", datetime: "20130524T000000Z" },
  );
  assert.equal(
    req.headers.get("authorization"),
    `AWS4-HMAC-SHA256 Credential=${S3_DOCS_SCOPE}, ` +
      "SignedHeaders=host;x-amz-content-sha256;x-amz-date, " +
      "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
  );
});

Deno.test("encodeKey() escapes every reserved character but keeps the slashes", () => {
  assert.equal(
    encodeKey("raw/date=2024-01-01/a b+c(1)!*'~é$.json"),
    "raw/date%3D2024-01-01/a%20b%2Bc%281%29%21%2A%27~%C3%A9%24.json",
  );
});

Deno.test("buildS3Request() builds path-style requests with the real payload hash", async () => {
  const target = { endpoint: "http://127.0.0.1:7070", region: "eu-west-1", bucket: "lake" };
  assert.deepEqual(
    await buildS3Request(target, {
      op: "PutObject",
      key: "p/a b.json",
      body: new TextEncoder().encode("abc"),
      contentType: "application/json",
    }),
    {
      method: "PUT",
      url: "http://127.0.0.1:7070/lake/p/a%20b.json",
      headers: {
        "x-amz-content-sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "content-type": "application/json",
      },
      body: new TextEncoder().encode("abc"),
    },
  );
  assert.deepEqual(await buildS3Request(target, { op: "GetObject", key: "k=1" }), {
    method: "GET",
    url: "http://127.0.0.1:7070/lake/k%3D1",
    headers: { "x-amz-content-sha256": EMPTY_SHA256 },
  });
  assert.deepEqual(await buildS3Request(target, { op: "DeleteObject", key: "k" }), {
    method: "DELETE",
    url: "http://127.0.0.1:7070/lake/k",
    headers: { "x-amz-content-sha256": EMPTY_SHA256 },
  });
  assert.deepEqual(
    await buildS3Request(target, {
      op: "ListObjectsV2",
      prefix: "p/x y/",
      continuationToken: "a+b/c=",
      maxKeys: 2,
    }),
    {
      method: "GET",
      url: "http://127.0.0.1:7070/lake?list-type=2&prefix=p%2Fx%20y%2F" +
        "&continuation-token=a%2Bb%2Fc%3D&max-keys=2",
      headers: { "x-amz-content-sha256": EMPTY_SHA256 },
    },
  );
  assert.deepEqual(await buildS3Request(target, { op: "CreateBucket" }), {
    method: "PUT",
    url: "http://127.0.0.1:7070/lake",
    headers: { "x-amz-content-sha256": EMPTY_SHA256 },
  });
});

Deno.test("signS3Request() signs service s3 in the target region, with the session token", async () => {
  const req = await signS3Request(
    { endpoint: "http://127.0.0.1:7070", region: "eu-west-1", bucket: "lake" },
    { op: "PutObject", key: "a.json", body: new Uint8Array([1]) },
    { ...S3_DOCS, sessionToken: "TOKEN" },
    { datetime: "20240102T030405Z" },
  );
  const auth = req.headers.get("authorization") ?? "";
  assert.match(
    auth,
    new RegExp(
      "^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240102/eu-west-1/s3/aws4_request, " +
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, " +
        "Signature=[0-9a-f]{64}$",
    ),
  );
  assert.equal(req.headers.get("x-amz-security-token"), "TOKEN");
  assert.equal(
    req.headers.get("x-amz-content-sha256"),
    "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a",
  );
  assert.equal(req.method, "PUT");
  assert.equal(req.url, "http://127.0.0.1:7070/lake/a.json");
});

Deno.test("s3EndpointFromEnv() prefers AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, then AWS", () => {
  assert.deepEqual(s3EndpointFromEnv({}), {
    endpoint: "https://s3.eu-west-1.amazonaws.com",
    region: "eu-west-1",
  });
  assert.deepEqual(s3EndpointFromEnv({ AWS_DEFAULT_REGION: "us-east-2" }), {
    endpoint: "https://s3.us-east-2.amazonaws.com",
    region: "us-east-2",
  });
  assert.deepEqual(
    s3EndpointFromEnv({
      AWS_REGION: "eu-central-1",
      AWS_DEFAULT_REGION: "us-east-2",
      AWS_ENDPOINT_URL: "http://other:1",
      AWS_ENDPOINT_URL_S3: "http://127.0.0.1:7070/",
    }),
    { endpoint: "http://127.0.0.1:7070", region: "eu-central-1" },
  );
  assert.deepEqual(s3EndpointFromEnv({ AWS_ENDPOINT_URL: "https://minio.internal:9000" }), {
    endpoint: "https://minio.internal:9000",
    region: "eu-west-1",
  });
});

Deno.test("s3EndpointFromEnv() throws one ConfigError naming every bad variable", () => {
  assert.throws(
    () => s3EndpointFromEnv({ AWS_REGION: "Europe West", AWS_ENDPOINT_URL_S3: "ftp://x" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [
        'AWS_REGION "Europe West" is not a region name (example: eu-west-1)',
        'AWS_ENDPOINT_URL_S3 "ftp://x" is not an http(s) URL without user info, query or fragment, such as http://127.0.0.1:7070',
      ]);
      return true;
    },
  );
});

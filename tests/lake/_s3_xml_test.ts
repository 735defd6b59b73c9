import assert from "node:assert/strict";
import { parseListObjectsV2, parseS3Error, xmlUnescape } from "../../src/lake/_s3_xml.ts";

const PAGE = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>lake</Name><Prefix>raw/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
  <IsTruncated>true</IsTruncated>
  <Contents><Key>raw/a &amp; b=&lt;1&gt;.json</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>
    <ETag>&quot;900150983cd24fb0d6963f7d28e17f72&quot;</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>raw/&#xE9;&#233;&apos;.json</Key><Size>0</Size>
    <Owner><ID>x</ID><DisplayName>y</DisplayName></Owner></Contents>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
</ListBucketResult>`;

Deno.test("parseListObjectsV2() reads keys (unescaped), sizes and the continuation token", () => {
  assert.deepEqual(parseListObjectsV2(PAGE), {
    objects: [{ key: "raw/a & b=<1>.json", size: 3 }, { key: "raw/éé'.json", size: 0 }],
    isTruncated: true,
    nextContinuationToken: "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
  });
});

Deno.test("parseListObjectsV2() returns an empty last page when nothing matches", () => {
  const xml = `<ListBucketResult><Name>lake</Name><Prefix>none/</Prefix><KeyCount>0</KeyCount>` +
    `<IsTruncated>false</IsTruncated></ListBucketResult>`;
  assert.deepEqual(parseListObjectsV2(xml), {
    objects: [],
    isTruncated: false,
    nextContinuationToken: undefined,
  });
});

Deno.test("parseListObjectsV2() throws SyntaxError naming the field when the shape is wrong", () => {
  assert.throws(() => parseListObjectsV2("<html>proxy login</html>"), {
    name: "SyntaxError",
    message:
      'Invalid ListObjectsV2 answer: no <ListBucketResult> element in "<html>proxy login</html>"',
  });
  assert.throws(
    () =>
      parseListObjectsV2(
        "<ListBucketResult><Contents><Key>a</Key><Size>x</Size></Contents></ListBucketResult>",
      ),
    {
      name: "SyntaxError",
      message: "Invalid ListObjectsV2 answer: Contents[0].Size is not a size",
    },
  );
  assert.throws(
    () =>
      parseListObjectsV2(
        "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>",
      ),
    { name: "SyntaxError", message: "Invalid ListObjectsV2 answer: Contents[0].Key is missing" },
  );
  assert.throws(
    () =>
      parseListObjectsV2("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>"),
    {
      name: "SyntaxError",
      message: "Invalid ListObjectsV2 answer: IsTruncated is true without NextContinuationToken",
    },
  );
});

Deno.test("parseS3Error() keeps only code, message and bucket: never the signature", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message>
<AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256
20130524T000000Z</StringToSign><SignatureProvided>f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41</SignatureProvided>
<RequestId>4442587FB7D0A2F9</RequestId></Error>`;
  assert.deepEqual(parseS3Error(xml), {
    code: "SignatureDoesNotMatch",
    message: "The request signature we calculated does not match the signature you provided.",
    bucketName: undefined,
  });
  assert.deepEqual(
    parseS3Error(
      "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>" +
        "<BucketName>gone</BucketName></Error>",
    ),
    { code: "NoSuchBucket", message: "The specified bucket does not exist", bucketName: "gone" },
  );
});

Deno.test("parseS3Error() returns undefined when the body is not an S3 error", () => {
  assert.equal(parseS3Error(""), undefined);
  assert.equal(parseS3Error("<html>502 Bad Gateway</html>"), undefined);
  assert.equal(parseS3Error("<Error><Message>no code</Message></Error>"), undefined);
});

Deno.test("xmlUnescape() decodes the five entities and character references", () => {
  assert.equal(
    xmlUnescape("&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#65;&#x42;"),
    `<a> & "b" 'c' AB`,
  );
  assert.throws(() => xmlUnescape("&nbsp;"), {
    name: "SyntaxError",
    message: 'Unknown XML entity "&nbsp;"',
  });
});

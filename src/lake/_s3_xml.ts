/**
 * A small pure parser for the two S3 XML bodies airq reads: ListObjectsV2 results and error
 * bodies. Only the elements used are read; text is XML-unescaped.
 */

/** One page of a ListObjectsV2 answer. */
export interface ListPage {
  objects: { key: string; size: number }[];
  isTruncated: boolean;
  nextContinuationToken: string | undefined;
}

/** The fields of an S3 error body that are safe to show (never the signature or the string to sign). */
export interface S3ErrorBody {
  code: string;
  message: string;
  bucketName: string | undefined;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** Replace XML entities and character references; unknown entities are a SyntaxError. */
export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const char = ENTITIES[ref];
    if (char === undefined) throw new SyntaxError(`Unknown XML entity "${whole}"`);
    return char;
  });
}

function unwrapCdata(text: string): string {
  const m = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text);
  return m ? m[1]! : xmlUnescape(text);
}

/** Text of the first child element `name` in `xml`, or undefined. */
function child(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(?:\\s[^>]*)?/>`)
    .exec(xml);
  if (!m) return undefined;
  return unwrapCdata(m[1] ?? "");
}

/** Every element `name` (its inner XML) in `xml`. */
function children(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "g");
  return [...xml.matchAll(re)].map((m) => m[1] ?? "");
}

/** Parse a ListObjectsV2 answer (`<ListBucketResult>`). Throws SyntaxError on another shape. */
export function parseListObjectsV2(xml: string): ListPage {
  const root = /<ListBucketResult(?:\s[^>]*)?>([\s\S]*)<\/ListBucketResult>/.exec(xml);
  if (!root) {
    throw new SyntaxError(
      `Invalid ListObjectsV2 answer: no <ListBucketResult> element in "${xml.slice(0, 200)}"`,
    );
  }
  const body = root[1]!;
  // Only the Contents blocks; CommonPrefixes are not requested (no delimiter).
  const objects = children(body, "Contents").map((block, i) => {
    const key = child(block, "Key");
    const size = Number(child(block, "Size"));
    if (key === undefined || key === "") {
      throw new SyntaxError(`Invalid ListObjectsV2 answer: Contents[${i}].Key is missing`);
    }
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new SyntaxError(`Invalid ListObjectsV2 answer: Contents[${i}].Size is not a size`);
    }
    return { key, size };
  });
  const outside = body.replace(/<Contents(?:\s[^>]*)?>[\s\S]*?<\/Contents>/g, "");
  const isTruncated = child(outside, "IsTruncated")?.trim() === "true";
  const token = child(outside, "NextContinuationToken");
  if (isTruncated && !token) {
    throw new SyntaxError(
      "Invalid ListObjectsV2 answer: IsTruncated is true without NextContinuationToken",
    );
  }
  return { objects, isTruncated, nextContinuationToken: isTruncated ? token : undefined };
}

/** Parse an S3 `<Error>` body; undefined when the body is not one. */
export function parseS3Error(xml: string): S3ErrorBody | undefined {
  const root = /<Error(?:\s[^>]*)?>([\s\S]*)<\/Error>/.exec(xml);
  if (!root) return undefined;
  const body = root[1]!;
  try {
    const code = child(body, "Code");
    if (!code) return undefined;
    return {
      code: code.trim(),
      message: (child(body, "Message") ?? "").trim(),
      bucketName: child(body, "BucketName")?.trim(),
    };
  } catch {
    return undefined;
  }
}

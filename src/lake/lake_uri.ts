/**
 * Parsing of lake URIs: file:///abs, file://./rel, s3://bucket/prefix, and a plain path
 * (`./lake`, `/data/lake`, `lake`) as the file:// URI of that path. Pure.
 */

/** A parsed lake location. */
export type LakeUri =
  | { kind: "file"; uri: string; path: string }
  | { kind: "s3"; uri: string; bucket: string; prefix: string };

const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A URI scheme ("s3:", "https:"); a path without one is a plain folder path. */
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Parse a lake URI. Relative file paths (`file://./data`, `file://data`, `./data`) are
 * resolved against `cwd`. The S3 prefix never starts with "/" and ends with "/" when non-empty.
 */
export function parseLakeUri(uri: string, cwd: string): LakeUri {
  const bad = (why: string) =>
    new RangeError(
      `Invalid lake URI "${uri}": ${why}; use file:///abs/path, file://./rel/path or s3://bucket/prefix`,
    );
  const plain = uri !== "" && !SCHEME_RE.test(uri);
  if (plain || uri.startsWith("file://")) {
    const rest = plain ? uri : uri.slice("file://".length);
    if (rest === "") throw bad("empty path");
    if (rest.includes("\0")) throw bad("control character in path");
    const path = rest.startsWith("/") ? rest : joinPath(cwd, rest);
    return { kind: "file", uri: plain ? `file://${uri}` : uri, path: normalise(path) };
  }
  if (uri.startsWith("s3://")) {
    const rest = uri.slice("s3://".length);
    const slash = rest.indexOf("/");
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    let prefix = slash === -1 ? "" : rest.slice(slash + 1);
    if (!BUCKET_RE.test(bucket) || bucket.includes("..")) {
      throw bad(`"${bucket}" is not a valid S3 bucket name`);
    }
    // deno-lint-ignore no-control-regex
    if (/[\x00-\x1f\x7f]/.test(prefix)) throw bad("control character in prefix");
    if (prefix.split("/").some((p) => p === "." || p === "..")) throw bad("'.' or '..' in prefix");
    prefix = prefix.replace(/\/+/g, "/").replace(/^\//, "");
    if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
    return { kind: "s3", uri, bucket, prefix };
  }
  throw bad("unknown scheme");
}

function joinPath(base: string, rel: string): string {
  return `${base.replace(/\/+$/, "")}/${rel}`;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

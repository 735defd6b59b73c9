/**
 * The docs stay navigable: README.md is at most 200 lines and links every docs/ page and the
 * benchmark pages, and every relative link in README.md and docs/*.md points to a file that
 * exists (and, for a Markdown file, to a heading that exists).
 */
import assert from "node:assert/strict";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Markdown without fenced code blocks and inline code spans (links there are not links). */
function stripCode(markdown: string): string {
  return stripFences(markdown).replace(/(`+)[\s\S]*?\1/g, "");
}

/** Targets of inline links, images and reference definitions, in order. */
function markdownLinks(markdown: string): string[] {
  const text = stripCode(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const defs = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)];
  return [...inline, ...defs].map((m) => m[1]!);
}

/** GitHub's anchor of a heading's text: lower case, punctuation dropped, spaces → "-". */
function githubAnchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a Markdown file defines, with GitHub's "-1", "-2" suffixes for repeats. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of stripFences(markdown).matchAll(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = githubAnchor(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Markdown without fenced code blocks. */
function stripFences(markdown: string): string {
  return markdown.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, "");
}

/** Problems of the relative links of `file` (relative to `root`): missing files or headings. */
async function brokenLinks(root: string, file: string): Promise<string[]> {
  const problems: string[] = [];
  const markdown = await Deno.readTextFile(join(root, file));
  for (const target of markdownLinks(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
    const [path = "", anchor] = target.split("#", 2);
    const resolved = path === "" ? file : normalize(join(dirname(file), decodeURI(path)));
    let text: string | undefined;
    try {
      const info = await Deno.stat(join(root, resolved));
      if (info.isFile && resolved.endsWith(".md")) {
        text = await Deno.readTextFile(join(root, resolved));
      }
    } catch {
      problems.push(`${file}: "${target}": no file "${resolved}"`);
      continue;
    }
    if (anchor && text !== undefined && !headingAnchors(text).has(anchor)) {
      problems.push(`${file}: "${target}": no heading "#${anchor}" in "${resolved}"`);
    }
  }
  return problems;
}

async function docsPages(): Promise<string[]> {
  const pages: string[] = [];
  for await (const entry of Deno.readDir(join(ROOT, "docs"))) {
    if (entry.isFile && entry.name.endsWith(".md")) pages.push(`docs/${entry.name}`);
  }
  return pages.sort();
}

Deno.test("markdownLinks() finds inline links and definitions but not links inside code", () => {
  const md = [
    'See [a](docs/a.md#x) and ![i](img.png "t") and `[b](no.md)`.',
    "```sh",
    "[c](no.md)",
    "```",
    "[ref]: ../bench/README.md",
  ].join("\n");
  assert.deepEqual(markdownLinks(md), ["docs/a.md#x", "img.png", "../bench/README.md"]);
});

Deno.test("headingAnchors() follows GitHub's rules for code, punctuation and repeats", () => {
  const md = "# The raw day and `_manifest.json`\n## Airflow (MWAA)\n## Tests\n## Tests\n" +
    "```sh\n# not a heading\n```\n";
  assert.deepEqual(
    [...headingAnchors(md)],
    ["the-raw-day-and-_manifestjson", "airflow-mwaa", "tests", "tests-1"],
  );
});

Deno.test("brokenLinks() reports a missing file and a missing heading", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "docs"));
    await Deno.writeTextFile(join(dir, "b.md"), "# Here\n");
    await Deno.writeTextFile(
      join(dir, "docs/a.md"),
      "[ok](../b.md#here) [gone](c.md) [bad](../b.md#there) [self](#top)\n# Top\n",
    );
    assert.deepEqual(await brokenLinks(dir, "docs/a.md"), [
      'docs/a.md: "c.md": no file "docs/c.md"',
      'docs/a.md: "../b.md#there": no heading "#there" in "b.md"',
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("README.md has at most 200 lines", async () => {
  const lines = (await Deno.readTextFile(join(ROOT, "README.md"))).trimEnd().split("\n").length;
  assert.ok(lines <= 200, `README.md has ${lines} lines; move detail into docs/`);
});

Deno.test("README.md links every docs/ page and the benchmark pages", async () => {
  const linked = new Set(
    markdownLinks(await Deno.readTextFile(join(ROOT, "README.md"))).map((t) => t.split("#")[0]),
  );
  const pages = [...await docsPages(), "bench/README.md", "bench/RESULTS.md"];
  assert.deepEqual(pages.filter((p) => !linked.has(p)), []);
});

Deno.test("every relative link in README.md and docs/*.md resolves", async () => {
  const problems: string[] = [];
  for (const file of ["README.md", ...await docsPages()]) {
    problems.push(...await brokenLinks(ROOT, file));
  }
  assert.deepEqual(problems, []);
});

Deno.test("README.md and docs/*.md name no issue number and no unexplained seed job", async () => {
  const problems: string[] = [];
  for (const file of ["README.md", ...await docsPages()]) {
    const text = await Deno.readTextFile(join(ROOT, file));
    for (const m of text.matchAll(/\bissue #?\d+|\bthe seed\b/gi)) {
      problems.push(`${file}: ${m[0]}`);
    }
  }
  assert.deepEqual(problems, []);
});

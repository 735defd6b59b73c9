import assert from "node:assert/strict";
import { scanValues } from "../../src/transform/_scan_values.ts";
import { parseValuesByJsonParse } from "../../src/transform/parse_raw.ts";

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES = [
  "17.9",
  "21.0",
  "-0.4",
  "-99.99",
  "0",
  "-0",
  "1e3",
  "2.5E-1",
  "null",
  '"NaN"',
  "1200",
];

function generate(rand: () => number, bulk: boolean, weird: boolean): string {
  const ws = () => (weird ? [" ", "\n", "\t ", ""][Math.floor(rand() * 4)]! : "");
  const item = (t: number) => {
    const v = VALUES[Math.floor(rand() * VALUES.length)]!;
    const swap = weird && rand() < 0.05;
    const kv = swap
      ? [`"value"${ws()}:${ws()}${v}`, `"timestamp"${ws()}:${ws()}${t}`]
      : [`"timestamp"${ws()}:${ws()}${t}`, `"value"${ws()}:${ws()}${v}`];
    return `{${ws()}${kv.join(`${ws()},${ws()}`)}${ws()}}`;
  };
  const list = () => {
    const n = Math.floor(rand() * 6);
    const items = Array.from({ length: n }, (_, i) => item(1700000000000 + i * 3600000));
    return `[${ws()}${items.join(`${ws()},${ws()}`)}${ws()}]`;
  };
  const body = () => `{${ws()}"values"${ws()}:${ws()}${list()}${ws()}}`;
  if (!bulk) return `${ws()}${body()}${ws()}`;
  const ids = Array.from({ length: Math.floor(rand() * 4) }, () => Math.floor(rand() * 200000));
  return `${ws()}{${ws()}${
    ids.map((id) => `"${id}"${ws()}:${ws()}${body()}`).join(`${ws()},${ws()}`)
  }${ws()}}${ws()}`;
}

Deno.test("scanValues() agrees with JSON.parse on 2000 generated answers or declines", () => {
  const rand = prng(42);
  let scanned = 0;
  for (let i = 0; i < 2000; i++) {
    const bulk = i % 2 === 0;
    const weird = i % 4 >= 2;
    const text = generate(rand, bulk, weird);
    const fast = scanValues(text, bulk ? undefined : 7);
    let slow;
    try {
      slow = parseValuesByJsonParse(text, "f.json", bulk ? undefined : 7);
    } catch {
      slow = "error";
    }
    if (fast === undefined) {
      assert.ok(weird || slow === "error", `declined a plain answer: ${text}`);
      continue;
    }
    scanned++;
    assert.deepEqual(fast, slow, text);
  }
  assert.ok(scanned > 1500, `only ${scanned} scanned`);
});

Deno.test("scanValues() declines shapes it does not know", () => {
  for (
    const text of [
      '{"6152":{"values":[],"extra":{}}}',
      '{"values":[{"timestamp":1,"value":"17.9"}]}',
      '{"values":[{"timestamp":01,"value":1}]}',
      '{"values":[{"timestamp":1,"value":1}]} x',
      '{"1":{"values":[]},"1":{"values":[]}}',
      '{"values":[{"timestamp":1,"value":1},]}',
    ]
  ) {
    assert.equal(
      scanValues(text, text.includes('"1":') || text.includes("6152") ? undefined : 1),
      undefined,
      text,
    );
  }
});

Deno.test("scanValues() keeps a number beyond a double as its text, like JSON.parse", () => {
  const text = '{"values":[{"timestamp":1,"value":1e999},{"timestamp":2,"value":-1e999}]}';
  const expected = new Map([[1, [
    { timestamp: 1, source: "1e999", number: Infinity },
    { timestamp: 2, source: "-1e999", number: -Infinity },
  ]]]);
  assert.deepEqual(scanValues(text, 1), expected);
  assert.deepEqual(parseValuesByJsonParse(text, "f.json", 1), expected);
});

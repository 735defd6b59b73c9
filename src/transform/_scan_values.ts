/**
 * A fast scanner for getData answers in exactly the shape IRCEL sends, 4-5x faster than
 * JSON.parse with a reviver. Private to src/transform.
 */
import type { RawValue } from "./raw_value.ts";

const WS = /\s*/y;
const VALUE_ITEM =
  /\{\s*"timestamp"\s*:\s*(-?(?:0|[1-9]\d{0,15}))\s*,\s*"value"\s*:\s*(null|"NaN"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*\}/y;
const ITEM_SEP = /\s*(,|\])/y;
const SERIES_KEY = /\s*"(\d{1,15})"\s*:\s*\{\s*"values"\s*:\s*\[/y;
const VALUES_KEY = /\s*\{\s*"values"\s*:\s*\[/y;
const BODY_END = /\s*\}\s*(,|\})/y;

/**
 * The fast path of parseValues(): a scanner for exactly the shape IRCEL sends (any
 * whitespace). Anything else (other keys, escapes, odd numbers, trailing text) returns
 * undefined and JSON.parse takes over, with its error messages.
 */
export function scanValues(text: string, seriesId?: number): Map<number, RawValue[]> | undefined {
  let at = 0;
  const match = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m !== null) at = re.lastIndex;
    return m;
  };
  const list = (): RawValue[] | undefined => {
    const out: RawValue[] = [];
    WS.lastIndex = at;
    WS.exec(text);
    if (text[WS.lastIndex] === "]") {
      at = WS.lastIndex + 1;
      return out;
    }
    for (;;) {
      WS.lastIndex = at;
      WS.exec(text);
      at = WS.lastIndex;
      const item = match(VALUE_ITEM);
      if (item === null) return undefined;
      const timestamp = Number(item[1]);
      const source = item[2]!;
      if (!Number.isSafeInteger(timestamp)) return undefined;
      if (source === "null") out.push({ timestamp, source, number: NaN });
      else if (source === '"NaN"') out.push({ timestamp, source: "NaN", number: NaN });
      else {
        // Any JSON number, even one beyond a double (1e400 → Infinity): valid_value.ts.
        out.push({ timestamp, source, number: Number(source) });
      }
      const sep = match(ITEM_SEP);
      if (sep === null) return undefined;
      if (sep[1] === "]") return out;
    }
  };
  const out = new Map<number, RawValue[]>();
  if (seriesId !== undefined) {
    if (match(VALUES_KEY) === null) return undefined;
    const values = list();
    if (values === undefined) return undefined;
    out.set(seriesId, values);
    WS.lastIndex = at;
    WS.exec(text);
    at = WS.lastIndex;
    if (text[at] !== "}") return undefined;
    at++;
  } else {
    WS.lastIndex = 0;
    WS.exec(text);
    at = WS.lastIndex;
    if (text[at] !== "{") return undefined;
    at++;
    WS.lastIndex = at;
    WS.exec(text);
    if (text[WS.lastIndex] === "}") at = WS.lastIndex + 1;
    else {
      for (;;) {
        const key = match(SERIES_KEY);
        if (key === null) return undefined;
        const id = Number(key[1]);
        const values = list();
        if (values === undefined || out.has(id)) return undefined;
        out.set(id, values);
        const end = match(BODY_END);
        if (end === null) return undefined;
        if (end[1] === "}") break;
      }
    }
  }
  WS.lastIndex = at;
  WS.exec(text);
  return WS.lastIndex === text.length ? out : undefined;
}

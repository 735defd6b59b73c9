/**
 * Arrow vectors built in one pass from typed arrays and string lists (offsets, one encoded
 * buffer, a validity bitmap only when there are nulls), not value by value through
 * builders. Private to src/transform.
 */
import type * as ArrowTypes from "apache-arrow";
import { arrow } from "../duckdb.ts";

/** A validity bitmap (bit set = valid), or undefined when nothing is null. */
function validity(length: number, isNull: (i: number) => boolean): Uint8Array | undefined {
  let bitmap: Uint8Array | undefined;
  for (let i = 0; i < length; i++) {
    if (!isNull(i)) continue;
    if (bitmap === undefined) {
      bitmap = new Uint8Array((length + 7) >> 3).fill(0xff);
    }
    bitmap[i >> 3]! &= ~(1 << (i & 7));
  }
  return bitmap;
}

function nullCountOf(length: number, bitmap: Uint8Array | undefined): number {
  if (bitmap === undefined) return 0;
  let valid = 0;
  for (let i = 0; i < length; i++) valid += (bitmap[i >> 3]! >> (i & 7)) & 1;
  return length - valid;
}

/** An Int64 vector. */
export function int64Vector(values: BigInt64Array): ArrowTypes.Vector {
  return arrow.makeVector(values);
}

/** An Int32 vector. */
export function int32Vector(values: Int32Array): ArrowTypes.Vector {
  return arrow.makeVector(values);
}

/** A DateDay vector of `length` rows, all `date` (YYYY-MM-DD). */
export function dateVector(date: string, length: number): ArrowTypes.Vector {
  const days = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  if (!Number.isInteger(days)) throw new RangeError(`Invalid date: "${date}"`);
  const data = new Int32Array(length).fill(days);
  return arrow.makeVector(
    arrow.makeData({ type: new arrow.DateDay(), length, nullCount: 0, data }),
  );
}

/** A TimestampMillisecond("UTC") vector of epoch milliseconds. */
export function timestampVector(data: BigInt64Array): ArrowTypes.Vector {
  const type = new arrow.TimestampMillisecond("UTC");
  return arrow.makeVector(arrow.makeData({ type, length: data.length, nullCount: 0, data }));
}

/** A Float64 vector; `nulls[i]` marks a null (its value is ignored). */
export function float64Vector(values: Float64Array, nulls?: Uint8Array): ArrowTypes.Vector {
  const length = values.length;
  const nullBitmap = nulls === undefined ? undefined : validity(length, (i) => nulls[i] === 1);
  const type = new arrow.Float64();
  return arrow.makeVector(
    arrow.makeData({
      type,
      length,
      nullCount: nullCountOf(length, nullBitmap),
      data: values,
      ...(nullBitmap === undefined ? {} : { nullBitmap }),
    }),
  );
}

/** A Utf8 vector of strings (null entries are nulls). */
export function utf8Vector(strings: readonly (string | null)[]): ArrowTypes.Vector {
  const length = strings.length;
  const offsets = new Int32Array(length + 1);
  const encoder = new TextEncoder();
  let total = 0;
  for (let i = 0; i < length; i++) {
    offsets[i] = total;
    const s = strings[i];
    if (s === null || s === undefined) continue;
    total += s.length;
  }
  offsets[length] = total;
  const joined = strings.join("");
  let data = encoder.encode(joined);
  if (data.byteLength !== total) {
    // Non-ASCII text: offsets must count bytes, not UTF-16 units.
    // Labels and units repeat row after row: encode each distinct string once.
    const encoded = new Map<string, Uint8Array>();
    const parts = strings.map((s) => {
      let bytes = encoded.get(s ?? "");
      if (bytes === undefined) encoded.set(s ?? "", bytes = encoder.encode(s ?? ""));
      return bytes;
    });
    data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (let i = 0; i < length; i++) {
      offsets[i] = at;
      data.set(parts[i]!, at);
      at += parts[i]!.byteLength;
    }
    offsets[length] = at;
  }
  const nullBitmap = validity(length, (i) => strings[i] === null || strings[i] === undefined);
  return arrow.makeVector(
    arrow.makeData({
      type: new arrow.Utf8(),
      length,
      nullCount: nullCountOf(length, nullBitmap),
      valueOffsets: offsets,
      data,
      ...(nullBitmap === undefined ? {} : { nullBitmap }),
    }),
  );
}

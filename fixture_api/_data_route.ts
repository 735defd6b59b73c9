/**
 * getData routes: `GET /timeseries/{id}/getData` and `POST /timeseries/getData`. Values come
 * from generatedValues(); the window from parseTimespan() (default: last week up to now).
 */
import type { SeriesEntry } from "./catalog_types.ts";
import type { ApiRequest, RouteContext } from "./route_types.ts";
import { errorBody } from "./shapes.ts";
import { defaultTimespan, parseTimespan, type Timespan, TimespanTooLongError } from "./timespan.ts";
import { generatedValues, type TimeValue } from "./values.ts";

const TIMESPAN_HINTS = [
  "Valid timespans have to be in ISO8601 period format.",
  "Valid examples: 'PT6H/2013-08-13TZ' or '2013-07-13TZ/2013-08-13TZ'.",
];

/** Answer a getData request: `entry` for GET, undefined for the bulk POST. */
export function dataRoute(
  entry: SeriesEntry | undefined,
  req: ApiRequest,
  ctx: RouteContext,
): [number, unknown] {
  if (entry !== undefined) {
    const span = window(req.query.get("timespan") ?? undefined, ctx.nowMs);
    if (!("startMs" in span)) return span;
    const values = revised(
      entry.id,
      generatedValues(entry.id, span.startMs, span.endMs, { now: ctx.nowMs }),
      ctx,
    );
    if (req.query.get("expanded") === "true") return [200, { [entry.id]: { values } }];
    return [200, formatted(entry.id, values, req.query.get("format"))];
  }
  let body: { timespan?: unknown; timeseries?: unknown };
  try {
    body = JSON.parse(req.body);
  } catch (error) {
    return [
      400,
      errorBody(400, "Could not read request body.", { developerMessage: String(error) }),
    ];
  }
  const ids = body?.timeseries;
  if (
    !Array.isArray(ids) || ids.length === 0 ||
    !ids.every((id) => typeof id === "string" || typeof id === "number")
  ) {
    return [400, errorBody(400, "Parameter 'timeseries' must be a non-empty list of ids.")];
  }
  const keys = ids.map(String);
  const unknown = keys.find((id) => !ctx.catalog.series.has(id));
  if (unknown !== undefined) {
    return [404, errorBody(404, `The timeseries with id '${unknown}' was not found.`)];
  }
  const timespan = typeof body.timespan === "string" ? body.timespan : undefined;
  const span = window(timespan, ctx.nowMs);
  if (!("startMs" in span)) return span;
  const out: Record<string, { values: TimeValue[] }> = {};
  for (const id of keys) {
    out[id] = {
      values: revised(id, generatedValues(id, span.startMs, span.endMs, { now: ctx.nowMs }), ctx),
    };
  }
  return [200, out];
}

/** The values after ctx.revise (late data, corrections), when set. */
function revised(id: string, values: TimeValue[], ctx: RouteContext): TimeValue[] {
  const revise = ctx.revise;
  if (revise === undefined) return values;
  return values.map((v) => ({ timestamp: v.timestamp, value: revise(id, v.timestamp, v.value) }));
}

/** The requested window, or a 400 answer in 52N's words. */
function window(timespan: string | undefined, nowMs: number): Timespan | [number, unknown] {
  if (timespan === undefined) return defaultTimespan(nowMs);
  try {
    return parseTimespan(timespan);
  } catch (error) {
    if (error instanceof TimespanTooLongError) return [400, errorBody(400, error.message)];
    return [
      400,
      errorBody(400, "Invalid timespan.", {
        developerMessage: `Could not parse timespan parameter.${timespan}`,
        hints: TIMESPAN_HINTS,
      }),
    ];
  }
}

/** tvp (default; unknown formats fall back to it), flot or highcharts. */
function formatted(id: string, values: TimeValue[], format: string | null): unknown {
  const pairs = () => values.map((v) => [v.timestamp, v.value]);
  if (format === "flot" || format === "flotcharts") return { values: pairs() };
  if (format === "highcharts") return { name: id, data: pairs() };
  return { values };
}

/**
 * A tiny in-process stand-in of the API as an injected fetch, for unit tests of the ingest
 * core (the fixture server is used for integration tests). Records every request.
 */

/** One series of the fake network. */
export interface FakeSeries {
  id: number;
  station: number;
  phenomenon: number;
}

/** Options of fakeApi(). */
export interface FakeApiOptions {
  series: FakeSeries[];
  /** Ids the server does not know: a bulk POST with any of them answers 404, as does the GET. */
  unknown?: number[];
  /** Answer this status (forever) for requests whose URL+body matches. */
  failWhen?: (url: string, body: string) => number | undefined;
  /** Extra value per series id, to change an answer between runs. */
  bump?: number;
}

/** The recorded requests of a fake API. */
export interface FakeApi {
  fetch: typeof fetch;
  sent: { method: string; url: string; body: string }[];
}

const JSON_HEADERS = { "content-type": "application/json;charset=UTF-8" };

function values(id: number, bump: number) {
  return {
    values: [{ timestamp: 1_700_000_000_000 + id, value: id / 10 + bump }, {
      timestamp: 1_700_003_600_000,
      value: null,
    }],
  };
}

/** Build the fake. */
export function fakeApi(options: FakeApiOptions): FakeApi {
  const sent: FakeApi["sent"] = [];
  const unknown = new Set(options.unknown ?? []);
  const bump = options.bump ?? 0;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    const body = req.method === "POST" ? await req.text() : "";
    sent.push({ method: req.method, url: req.url, body });
    const fail = options.failWhen?.(req.url, body);
    if (fail !== undefined) return json({ statusCode: fail, reason: "Injected" }, fail);
    const url = new URL(req.url);
    const path = url.pathname.replace(/^\/sos\/api\/v1\//, "");
    if (path === "stations") {
      const stations = [...new Set(options.series.map((s) => s.station))];
      return json(stations.map((id) => ({
        properties: {
          timeseries: Object.fromEntries(
            options.series.filter((s) => s.station === id).map((s) => [String(s.id), {
              phenomenon: { id: String(s.phenomenon), label: "p" },
            }]),
          ),
          id,
          label: `S${id}`,
        },
        geometry: { coordinates: [4, 51, "NaN"], type: "Point" },
        type: "Feature",
      })));
    }
    if (path === "timeseries") {
      const p = Number(url.searchParams.get("phenomenon"));
      return json(
        options.series.filter((s) => s.phenomenon === p).map((s) => ({
          id: String(s.id),
          uom: "µg/m³",
        })),
      );
    }
    if (path === "timeseries/getData") {
      const ids: string[] = JSON.parse(body).timeseries;
      const bad = ids.find((id) => unknown.has(Number(id)));
      if (bad) {
        return json({
          statusCode: 404,
          userMessage: `The timeseries with id '${bad}' was not found.`,
        }, 404);
      }
      return json(Object.fromEntries(ids.map((id) => [id, values(Number(id), bump)])));
    }
    const m = /^timeseries\/(\d+)\/getData$/.exec(path);
    if (m) {
      if (unknown.has(Number(m[1]))) return json({ statusCode: 404 }, 404);
      return json(values(Number(m[1]), bump));
    }
    return json({ statusCode: 404 }, 404);
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

/** A small network: PM10 at two stations (two series at one), NO2, SO2, and an ozone series. */
export const SMALL_NETWORK: FakeSeries[] = [
  { id: 6152, station: 1030, phenomenon: 5 },
  { id: 100008, station: 1030, phenomenon: 6001 },
  { id: 7148, station: 1219, phenomenon: 5 },
  { id: 7150, station: 1219, phenomenon: 5 },
  { id: 7147, station: 1219, phenomenon: 1 },
  { id: 7186, station: 1234, phenomenon: 8 },
  { id: 7078, station: 1207, phenomenon: 7 },
];

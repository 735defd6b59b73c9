/**
 * Fetching one raw day: discovery, unit listings and values (bulk POST in chunks, per-series
 * GET for a chunk that answers 404), with bounded concurrency. Holds the answers in memory;
 * writes nothing. A failed request is recorded, the others still run.
 */
import { HttpError } from "../errors.ts";
import type { ApiResponse, IrcelineClient } from "../irceline/client.ts";
import {
  type ApiRequest,
  bulkValuesRequest,
  type Near,
  seriesValuesRequest,
  stationsRequest,
  timeseriesListRequest,
  timespanOf,
} from "../irceline/requests.ts";
import {
  validateBulkValues,
  validateStations,
  validateTimeseriesList,
  validateValues,
} from "../irceline/validate.ts";
import {
  rawBulkValuesKey,
  rawDayPrefix,
  rawSeriesValuesKey,
  rawStationsKey,
  rawTimeseriesListKey,
} from "../lake/layout.ts";
import type { ManifestFile, ManifestSeries } from "../lake/raw_manifest.ts";
import { type DayWindow, dayWindow } from "../time/day_window.ts";
import { type Logger, SILENT } from "../log/logger.ts";
import { createLimiter, type Limiter } from "../pool.ts";
import { sha256Hex } from "../sha256_hex.ts";
import { chunkIds } from "./chunk_ids.ts";
import { type Selection, selectSeries } from "./discovery.ts";

/** One fetched answer, ready to be written (`key` relative to the lake root). */
export interface FetchedFile extends ManifestFile {
  key: string;
  body: Uint8Array;
}

/** Everything fetched for a day. */
export interface FetchedDay {
  window: DayWindow;
  timespan: string;
  selection: Selection;
  files: FetchedFile[];
  series: ManifestSeries[];
  values: number;
  /** One message per failed request; empty when the day is complete. */
  errors: string[];
  /** Selected series without an answer (sorted); empty when the day is complete. */
  missing: number[];
}

/** Options of fetchDay(). */
export interface FetchDayOptions {
  apiUrl: string;
  timezone: string;
  phenomena: number[];
  near: Near | null;
  concurrency: number;
  chunkSize: number;
  client: IrcelineClient;
  /**
   * The bound of in-flight requests, when shared with other days (a range keeps
   * --concurrency requests in flight across days); a new one of `concurrency` otherwise.
   */
  limiter?: Limiter;
  log?: Logger;
}

async function fetched(
  date: string,
  key: string,
  kind: ManifestFile["kind"],
  res: ApiResponse,
  ids?: number[],
): Promise<FetchedFile> {
  const path = key.slice(rawDayPrefix(date).length);
  const file: FetchedFile = {
    key,
    path,
    kind,
    request: res.request,
    status: res.status,
    sha256: await sha256Hex(res.bytes),
    bytes: res.bytes.byteLength,
    body: res.bytes,
  };
  if (ids !== undefined) file.timeseries_ids = ids;
  return file;
}

/** Fetch every answer of one day; throws only when discovery itself fails. */
export async function fetchDay(date: string, options: FetchDayOptions): Promise<FetchedDay> {
  const { client, apiUrl } = options;
  const emit: Logger = options.log ?? SILENT;
  const window = dayWindow(date, options.timezone);
  const timespan = timespanOf(window);
  // Every request (discovery, listings, bulk, fallback) shares one bound of in-flight requests.
  const limited = options.limiter ?? createLimiter(options.concurrency);
  const stationsRes = await limited(() => client.send(stationsRequest(apiUrl, options.near)));
  const discovered = validateStations(stationsRes.json, stationsRes.request.url);
  if (discovered.conflicts.length > 0) {
    emit("series_conflicts", { date, conflicts: discovered.conflicts }, "warn");
  }
  const selection = selectSeries(discovered, options.phenomena);
  emit("discovered", {
    date,
    stations: selection.stations,
    stations_with_series: selection.stationsWithSeries,
    series: selection.series.length,
    phenomena: selection.found,
  });
  const files: FetchedFile[] = [await fetched(date, rawStationsKey(date), "stations", stationsRes)];
  const fileOf = new Map<number, string>();
  const errors: string[] = [];
  let values = 0;

  const send = async (request: ApiRequest, check: (res: ApiResponse) => void) => {
    const res = await limited(() => client.send(request));
    check(res);
    return res;
  };
  const listTask = (phenomenonId: number) => async () => {
    const res = await send(
      timeseriesListRequest(apiUrl, phenomenonId),
      (r) => validateTimeseriesList(r.json, r.request.url),
    );
    files.push(
      await fetched(date, rawTimeseriesListKey(date, phenomenonId), "timeseries_list", res),
    );
  };
  const seriesGet = async (id: number) => {
    let count = 0;
    const res = await send(seriesValuesRequest(apiUrl, timespan, id), (r) => {
      count = validateValues(r.json, r.request.url);
    });
    const file = await fetched(date, rawSeriesValuesKey(date, id), "values_series", res, [id]);
    files.push(file);
    fileOf.set(id, file.path);
    values += count;
  };
  const chunkTask = (ids: number[]) => async () => {
    let counts = new Map<number, number>();
    let res: ApiResponse;
    try {
      res = await send(bulkValuesRequest(apiUrl, timespan, ids), (r) => {
        counts = validateBulkValues(r.json, r.request.url, ids);
      });
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 404)) throw error;
      emit("fallback", { date, first: ids[0], last: ids.at(-1), series: ids.length }, "warn");
      const failures: string[] = [];
      await Promise.all(
        ids.map((id) => seriesGet(id).catch((e) => failures.push((e as Error).message))),
      );
      if (failures.length > 0) throw new Error(failures.sort().join("; "));
      return;
    }
    const file = await fetched(
      date,
      rawBulkValuesKey(date, ids[0]!, ids.at(-1)!),
      "values_bulk",
      res,
      ids,
    );
    files.push(file);
    for (const id of ids) fileOf.set(id, file.path);
    for (const n of counts.values()) values += n;
  };

  const phenomenaWithSeries = Object.entries(selection.found).filter(([, n]) => n > 0)
    .map(([id]) => Number(id));
  const tasks = [
    ...phenomenaWithSeries.map(listTask),
    ...chunkIds(selection.series.map((s) => s.timeseriesId), options.chunkSize).map(chunkTask),
  ];
  let done = 0;
  await Promise.all(tasks.map(async (task) => {
    try {
      await task();
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    done++;
    emit("progress", { date, done, total: tasks.length });
  }));

  const series: ManifestSeries[] = selection.series.map((s) => ({
    timeseries_id: s.timeseriesId,
    station_id: s.stationId,
    phenomenon_id: s.phenomenonId,
    file: fileOf.get(s.timeseriesId) ?? "",
  }));
  const missing = series.filter((s) => s.file === "").map((s) => s.timeseries_id);
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { window, timespan, selection, files, series, values, errors: errors.sort(), missing };
}

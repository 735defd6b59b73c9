/** Checks of ingest's own settings (phenomena, --near, API URL), problems collected. Pure. */
import type { Setting } from "../config/parse_flags.ts";
import { DEFAULT_API_URL } from "../config/defaults.ts";
import { redactUserInfo } from "../errors.ts";
import type { Near } from "../irceline/requests.ts";

/** Phenomenon ids, sorted and unique; [] after pushing a problem. */
export function phenomenaOf({ value: raw, source }: Setting, problems: string[]): number[] {
  const parts = raw.split(",").map((p) => p.trim());
  if (raw.trim() === "" || parts.some((p) => !/^\d{1,9}$/.test(p))) {
    problems.push(
      `${source}: "${raw}" must be a comma-separated list of numeric ids, e.g. 5,6001,8`,
    );
    return [];
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** LON,LAT,KM; null after pushing a problem. */
export function nearOf(raw: string, problems: string[]): Near | null {
  const parts = raw.split(",").map((p) => p.trim());
  const [lon, lat, km] = parts.map((p) => (p === "" ? NaN : Number(p)));
  if (
    parts.length !== 3 || !(lon! >= -180 && lon! <= 180) || !(lat! >= -90 && lat! <= 90) ||
    !(km! > 0 && km! <= 20_000)
  ) {
    problems.push(
      `--near: "${raw}" must be LON,LAT,KM with -180 ≤ LON ≤ 180, -90 ≤ LAT ≤ 90 and KM > 0`,
    );
    return null;
  }
  return { lon: lon!, lat: lat!, km: km! };
}

/** The API base URL ending with "/"; `raw` after pushing a problem. */
export function apiUrlOf({ value: raw, source }: Setting, problems: string[]): string {
  try {
    const u = new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new TypeError("scheme");
    if (u.search !== "" || u.hash !== "") throw new TypeError("query");
    return u.toString().replace(/\/*$/, "/");
  } catch {
    problems.push(
      `${source}: "${redactUserInfo(raw)}" must be an http(s) URL without query, e.g. ` +
        DEFAULT_API_URL,
    );
    return raw;
  }
}

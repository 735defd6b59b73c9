/**
 * The `near` filter of 52°North: `{"center":{"type":"Point","coordinates":[lon,lat]},
 * "radius":km}` turned into a lon/lat bounding box of ±radius km (not a circle), with the
 * mean earth radius, as 52N's Vicinity does.
 */

/** A lon/lat bounding box, inclusive. */
export interface BoundingBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

const EARTH_RADIUS_KM = 6371.0;

/** Parse the decoded `near` JSON; SyntaxError naming the bad field. */
export function parseNear(text: string): { lon: number; lat: number; radiusKm: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot parse near "${text}": not JSON`, { cause: error });
  }
  const v = value as { center?: { coordinates?: unknown }; radius?: unknown } | null;
  const coordinates = v?.center?.coordinates;
  if (
    !Array.isArray(coordinates) || typeof coordinates[0] !== "number" ||
    typeof coordinates[1] !== "number"
  ) {
    throw new SyntaxError(`Cannot parse near "${text}": center.coordinates must be [lon, lat]`);
  }
  if (typeof v?.radius !== "number" || !(v.radius >= 0)) {
    throw new SyntaxError(`Cannot parse near "${text}": radius must be a number of km >= 0`);
  }
  return { lon: coordinates[0], lat: coordinates[1], radiusKm: v.radius };
}

/** The bounding box of ±radiusKm around (lon, lat). */
export function nearBounds(lon: number, lat: number, radiusKm: number): BoundingBox {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return { minLon: lon - dLon, minLat: lat - dLat, maxLon: lon + dLon, maxLat: lat + dLat };
}

/** Whether a point lies in the box (edges included). */
export function inBounds(box: BoundingBox, lon: number, lat: number): boolean {
  return lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat;
}

/** Axis scales and "nice" ticks for the report's charts. Pure. */

/** A linear axis: its rounded domain, the tick step and the tick values. */
export interface NiceAxis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** Options of niceAxis(). */
export interface NiceAxisOptions {
  /** Approximate number of intervals wanted (default 5). */
  count?: number;
  /** Always include zero in the domain (default true; bars start at zero). */
  includeZero?: boolean;
}

/** The "nice" step (1, 2, 2.5 or 5 × 10^k) closest above `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) throw new RangeError(`Invalid step: "${rough}"`);
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/** Round away binary noise (0.30000000000000004 → 0.3) at the step's precision. */
function clean(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const v = Number(value.toFixed(decimals));
  return Object.is(v, -0) ? 0 : v;
}

/**
 * A readable axis covering every finite value given: domain widened to multiples of a
 * nice step. Non-finite values are ignored; no finite value gives the axis 0..1.
 */
export function niceAxis(values: readonly number[], options: NiceAxisOptions = {}): NiceAxis {
  const count = options.count ?? 5;
  const finite = values.filter(Number.isFinite);
  if (options.includeZero ?? true) finite.push(0);
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (lo === hi) {
    if (lo === 0) hi = 1;
    else if (lo > 0) lo = 0;
    else hi = 0;
  }
  const step = niceStep((hi - lo) / count);
  const min = clean(Math.floor(lo / step) * step, step);
  const max = clean(Math.ceil(hi / step) * step, step);
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 1e6; i++) ticks.push(clean(min + i * step, step));
  return { min, max, step, ticks };
}

/** A linear map from a domain onto a pixel range (either may be reversed). */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d0 === d1) throw new RangeError(`Invalid scale domain: [${d0}, ${d1}] is empty`);
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/** A number for display with exactly `decimals` decimals (default 1: "9.0", "13.7"). */
export function formatNumber(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return "–";
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/** A tick label at the precision of the axis step (0.25 → 2 decimals, 5 → none). */
export function formatTick(value: number, step: number): string {
  let decimals = 0;
  while (
    decimals < 6 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-9
  ) {
    decimals++;
  }
  return formatNumber(value, decimals);
}

/**
 * A mean for display next to a threshold: one decimal, or as many more (up to 4) as needed so
 * that a value above `level` never reads as equal to it (15.02 → "15.02", not "15").
 */
export function formatAgainst(value: number, level: number | undefined): string {
  let decimals = 1;
  while (
    level !== undefined && value > level && decimals < 4 && Number(value.toFixed(decimals)) <= level
  ) {
    decimals++;
  }
  if (level !== undefined && value > level && Number(value.toFixed(decimals)) <= level) {
    decimals = 1;
  }
  return formatNumber(value, decimals);
}

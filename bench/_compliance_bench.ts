/**
 * The compliance benchmark, on the year lake of the one-year transform: `deno task compliance`
 * for the year (forced, so it really builds), then `deno task report --year` and the page
 * loaded in headless Chromium (Debian chromium + npm playwright-core). Goals: the page stays
 * under 2 MiB and renders in under 5 s (bench/README.md).
 */
import { chromium } from "playwright-core";
import { denoTask } from "./_ingest_bench.ts";
import { lastEvent, measureOk, median } from "./measure.ts";

/** Options of benchCompliance(). */
export interface ComplianceBenchOptions {
  root: string;
  /** A lake whose daily partitions of `year` are published. */
  lakeDir: string;
  year: number;
  /** Page loads to time (the median is reported). */
  renderRuns: number;
  log: (message: string) => void;
}

/** What one compliance benchmark measured. */
export interface ComplianceBenchResult {
  wall_ms: number;
  cpu_ms: number;
  peak_rss_mib: number;
  rows: number;
  page_bytes: number;
  /** Median time from navigation to the load event plus a forced layout. */
  page_render_ms: number;
  page_render_runs_ms: number[];
}

const CHROMIUM = "/usr/bin/chromium";

/** Build the year's compliance table and page and time them. */
export async function benchCompliance(o: ComplianceBenchOptions): Promise<ComplianceBenchResult> {
  const lake = `file://${o.lakeDir}`;
  o.log(`compliance: building ${o.year} from ${o.lakeDir}`);
  const build = await measureOk(
    denoTask(o.root, "compliance", ["--year", String(o.year), "--lake", lake, "--force"]),
  );
  const done = lastEvent(build.stderr, "year_done");
  const page = await measureOk(
    denoTask(o.root, "report", ["--year", String(o.year), "--lake", lake]),
  );
  const url = page.stdout.trim();
  const bytes = (await Deno.stat(new URL(url))).size;
  const profile = await Deno.makeTempDir({ prefix: "airq-bench-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const runs: number[] = [];
  try {
    for (let i = 0; i < o.renderRuns; i++) {
      const tab = await context.newPage();
      const started = performance.now();
      await tab.goto(url, { waitUntil: "load" });
      await tab.evaluate("document.documentElement.scrollHeight");
      runs.push(performance.now() - started);
      await tab.close();
    }
  } finally {
    await context.close();
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
  return {
    wall_ms: build.wallMs,
    cpu_ms: build.cpuMs,
    peak_rss_mib: build.peakRssMib,
    rows: Number(done?.rows ?? NaN),
    page_bytes: bytes,
    page_render_ms: median(runs),
    page_render_runs_ms: runs,
  };
}

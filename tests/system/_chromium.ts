/** Test helper: headless Chromium for the report pages, with every request recorded. */
import { type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

/** A headless Chromium (Debian chromium + npm playwright-core) with its profile in `dir`. */
export async function launch(dir: string): Promise<BrowserContext> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `Cannot run the report browser test: no "${CHROMIUM}": run .ci/setup/60-chromium.sh`,
    );
  }
  return await chromium.launchPersistentContext(`${dir}/chromium-profile`, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Open `url` in a new page, recording every request; anything but the page itself is aborted. */
export async function open(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.route(
    "**/*",
    (route) => (route.request().url() === url ? route.continue() : route.abort()),
  );
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  return { page, requests, dialogs };
}

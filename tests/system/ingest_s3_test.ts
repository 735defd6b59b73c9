/** A full ingest into s3:// on a real, strict S3 server (versitygw) from the fixture API. */
import assert from "node:assert/strict";
import { startFixtureServer } from "../../fixture_api/server.ts";
import { readIngestConfig } from "../../src/ingest/config.ts";
import { ingestRange } from "../../src/ingest/ingest_range.ts";
import { createIrcelineClient } from "../../src/irceline/client.ts";
import { rawDayPrefix, rawManifestKey } from "../../src/lake/layout.ts";
import { openStore } from "../../src/lake/open_store.ts";
import { parseManifest } from "../../src/lake/raw_manifest.ts";
import { startVersitygw } from "../_versitygw.ts";

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("ingestRange() writes a full day into s3:// on versitygw, a rerun skips it, and a forced rerun rewrites no data", async () => {
  const gw = await startVersitygw();
  const api = await startFixtureServer();
  try {
    await gw.bucket("airq-lake");
    const env = {
      AWS_ENDPOINT_URL_S3: gw.endpoint,
      AWS_REGION: gw.region,
      AWS_ACCESS_KEY_ID: gw.accessKeyId,
      AWS_SECRET_ACCESS_KEY: gw.secretAccessKey,
    };
    const parsed = readIngestConfig(
      ["--date", "2024-11-20", "--api-url", api.url, "--lake", "s3://airq-lake/prod/airq"],
      {},
      { now: Temporal.Instant.from("2026-01-01T00:00:00Z"), cwd: "/" },
    );
    if (parsed.help) throw new Error("help");
    const run = async () => {
      const store = await openStore(parsed.config.lake, { env, cwd: "/" });
      const result = await ingestRange(parsed.config, {
        store,
        client: createIrcelineClient(),
        log: () => {},
        now: () => Temporal.Now.instant(),
      });
      return { store, ...result };
    };
    const first = await run();
    assert.equal(first.summary.ok, true);
    assert.equal(first.summary.lake, "s3://airq-lake/prod/airq");
    const text = new TextDecoder().decode(await first.store.get(rawManifestKey("2024-11-20")));
    const manifest = parseManifest(text, "s3 manifest");
    const listed: string[] = [];
    for await (const o of first.store.list(rawDayPrefix("2024-11-20"))) listed.push(o.key);
    assert.deepEqual(
      listed,
      [
        ...manifest.files.map((f) => rawDayPrefix("2024-11-20") + f.path),
        rawManifestKey("2024-11-20"),
      ]
        .sort(),
    );
    for (const f of manifest.files) {
      const bytes = (await first.store.get(rawDayPrefix("2024-11-20") + f.path))!;
      assert.equal(await sha256(bytes), f.sha256, f.path);
    }
    const skipped = await run();
    assert.deepEqual(skipped.summary.days, [{ date: "2024-11-20", status: "skipped" }]);
    parsed.config.force = true;
    const second = await run();
    assert.equal(second.summary.ok, true);
    assert.equal(second.days[0]!.written, 0);
    assert.equal(second.days[0]!.unchanged, manifest.files.length);
  } finally {
    await api.close();
    await gw.close();
  }
});

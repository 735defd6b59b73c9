import assert from "node:assert/strict";
import { catalogFor, fixtureCatalog, seriesFacts } from "../catalog.ts";
import { QUIRKS } from "../values.ts";

Deno.test("fixtureCatalog() links every series to its station with matching parameters", () => {
  const catalog = fixtureCatalog();
  assert.equal(catalog.stations.length, 8);
  assert.equal(catalog.series.size, 34);
  for (const [id, entry] of catalog.series) {
    assert.equal(entry.params.feature.id, String(entry.station.properties.id), id);
    assert.equal(entry.params.offering.id, id);
    assert.deepEqual(entry.params.procedure, entry.params.offering);
    assert.deepEqual(entry.params.category, entry.params.phenomenon);
    assert.match(entry.params.procedure.label, new RegExp(`^${id} - .* - procedure$`));
  }
});

Deno.test("fixtureCatalog() has no CO2 series, and one station with two PM10 series", () => {
  const series = [...fixtureCatalog().series.values()];
  assert.equal(series.filter((e) => e.params.phenomenon.id === "71").length, 0);
  const deurnePm10 = series.filter((e) =>
    e.station.properties.id === 1751 && e.params.phenomenon.id === "5"
  );
  assert.deepEqual(deurnePm10.map((e) => e.id), ["100039", "900039"]);
});

Deno.test("fixtureCatalog() anchors lie inside each series' life", () => {
  for (const [id, quirks] of Object.entries(QUIRKS)) {
    const meta = fixtureCatalog().series.get(id)?.meta;
    assert.ok(meta, id);
    for (const t of Object.keys(quirks.anchors ?? {}).map(Number)) {
      assert.ok(t >= meta.firstTimestamp! && t <= (meta.lastTimestamp ?? Infinity), `${id} ${t}`);
    }
  }
  assert.equal(fixtureCatalog().series.get("6522")?.meta.lastTimestamp, 1621508400000);
});

Deno.test("catalogFor() builds a synthetic catalog and seriesFacts() marks its ids", () => {
  const synthetic = catalogFor(3);
  assert.deepEqual(synthetic.stations.map((s) => s.properties.id), [5000, 5001, 5002]);
  assert.equal(synthetic.series.has("6152"), false);
  assert.equal(seriesFacts("200000")?.synthetic, true);
  assert.equal(seriesFacts("900039")?.synthetic, false);
  assert.equal(seriesFacts("nope"), undefined);
});

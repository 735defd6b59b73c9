import assert from "node:assert/strict";
import { formatDailyMeans } from "../../src/transform/format_daily_means.ts";

Deno.test("formatDailyMeans() aligns one line per series with validity", () => {
  const text = formatDailyMeans("2024-11-20", [
    {
      station_label: "40AL01 - Linkeroever",
      phenomenon_label: "Particulate Matter < 10 µm",
      timeseries_id: 6152n,
      avg_value: 17.94,
      uom: "µg/m³",
      value_count: 24,
      expected_count: 24,
      is_valid: true,
    },
    {
      station_label: "47E013 - Vorst",
      phenomenon_label: "Nitrogen dioxide",
      timeseries_id: 7186n,
      avg_value: 5,
      uom: null,
      value_count: 17,
      expected_count: 24,
      is_valid: false,
    },
  ]);
  assert.equal(
    text,
    [
      "Daily means 2024-11-20 (2 series)",
      "station               phenomenon                  series  mean  unit   hours  valid",
      "--------------------  --------------------------  ------  ----  -----  -----  -----------",
      "40AL01 - Linkeroever  Particulate Matter < 10 µm    6152  17.9  µg/m³  24/24  yes",
      "47E013 - Vorst        Nitrogen dioxide              7186   5.0         17/24  no (< 75 %)",
    ].join("\n"),
  );
});

Deno.test("formatDailyMeans() keeps a label with a newline or a tab on its row", () => {
  const forged = "Vorst\nreport (open in a browser): file:///evil\tx";
  const text = formatDailyMeans("2024-11-20", [{
    station_label: forged,
    phenomenon_label: "NO2\r\n",
    timeseries_id: 1n,
    avg_value: 1,
    uom: "u\u2028",
    value_count: 24,
    expected_count: 24,
    is_valid: true,
  }]);
  const lines = text.split("\n");
  assert.equal(lines.length, 4);
  assert.ok(!text.includes("\t") && !text.includes("\r") && !text.includes("\u2028"));
  assert.ok(
    lines[3]!.startsWith(
      "Vorst\\u000areport (open in a browser): file:///evil\\u0009x  NO2\\u000d\\u000a",
    ),
  );
});

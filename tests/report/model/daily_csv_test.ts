import assert from "node:assert/strict";
import { dailyCsv } from "../../../src/report/model/daily_csv.ts";
import { row } from "../../support/aggregates.ts";

Deno.test("dailyCsv() writes one line per day and series, quoted labels, defused formulas", () => {
  const csv = dailyCsv([
    {
      date: "2024-11-20",
      rows: [row({ timeseries_id: 9, station_label: '=HYPERLINK("x") "A"', avg_value: NaN })],
      sourceManifestSha256: "a",
    },
    {
      date: "2024-11-19",
      rows: [
        row({ timeseries_id: 2, avg_value: 12.5, is_valid: false }),
        row({ timeseries_id: 1, avg_value: 30 }),
      ],
      sourceManifestSha256: "a",
    },
  ]);
  const lines = csv.split("\r\n");
  assert.equal(lines.length, 5);
  assert.equal(lines.at(-1), "");
  assert.equal(
    lines[0],
    "date,station_id,station_label,phenomenon_id,phenomenon_label,timeseries_id,avg_value," +
      "min_value,max_value,coverage,is_valid",
  );
  assert.deepEqual(lines.slice(1, 4).map((l) => [l.slice(0, 10), l.split(",")[5]]), [
    ["2024-11-19", "1"],
    ["2024-11-19", "2"],
    ["2024-11-20", "9"],
  ]);
  assert.match(lines[2]!, /,2,12\.5,[^,]*,[^,]*,[^,]*,false$/);
  assert.match(lines[3]!, /,"'=HYPERLINK\(""x""\) ""A""",/);
  assert.match(lines[3]!, /,9,,/);
});

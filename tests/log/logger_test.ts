import assert from "node:assert/strict";
import { createLogger, type LogRecord, SILENT } from "../../src/log/logger.ts";

Deno.test("createLogger() hands one record per event to its sink, info by default", () => {
  const records: LogRecord[] = [];
  const log = createLogger("transform", {
    sink: (r) => records.push(r),
    now: () => new Date(Date.UTC(2024, 10, 20, 6)),
  });
  log("start", { dates: 2 });
  log("day_done", { date: "2024-11-20" }, "error");
  log("summary");
  assert.deepEqual(records, [
    {
      ts: "2024-11-20T06:00:00.000Z",
      level: "info",
      task: "transform",
      event: "start",
      fields: { dates: 2 },
    },
    {
      ts: "2024-11-20T06:00:00.000Z",
      level: "error",
      task: "transform",
      event: "day_done",
      fields: { date: "2024-11-20" },
    },
    {
      ts: "2024-11-20T06:00:00.000Z",
      level: "info",
      task: "transform",
      event: "summary",
      fields: {},
    },
  ]);
  assert.equal(SILENT("anything"), undefined);
});

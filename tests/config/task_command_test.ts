import assert from "node:assert/strict";
import { taskCommand } from "../../src/config/task_command.ts";

Deno.test("taskCommand() repeats the dates, the lake and a time zone other than the default", () => {
  assert.equal(taskCommand("ingest", { date: "2024-11-20" }), "deno task ingest --date 2024-11-20");
  assert.equal(
    taskCommand("transform", {
      date: "2024-11-01",
      to: "2024-11-30",
      lake: "s3://my-lake/airq",
      timezone: "Europe/Paris",
    }),
    "deno task transform --date 2024-11-01 --to 2024-11-30 --lake s3://my-lake/airq " +
      "--timezone Europe/Paris",
  );
  assert.equal(
    taskCommand("ingest", {
      date: "2024-11-20",
      to: "2024-11-20",
      lake: "file:///tmp/lake",
      timezone: "Europe/Brussels",
    }),
    "deno task ingest --date 2024-11-20 --lake file:///tmp/lake",
  );
});

Deno.test("taskCommand() quotes a lake path the shell would split", () => {
  assert.equal(
    taskCommand("transform", { date: "2024-11-20", lake: "file:///home/me/my lake's" }),
    "deno task transform --date 2024-11-20 --lake 'file:///home/me/my lake'\\''s'",
  );
});

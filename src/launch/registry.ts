/**
 * The tasks of airq, listed once: the launcher runs them and the docs generator writes their
 * flag tables from this list.
 */
import type { RegisteredTask } from "../config/task_spec.ts";
import { registerTask } from "../config/task_spec.ts";
import { DEMO_TASK } from "../demo/config.ts";
import { PUBLISH_TASK } from "../deploy/publish_config.ts";
import { SERVER_TASK } from "../fixture_api/server_config.ts";
import { INGEST_TASK } from "../ingest/config.ts";
import { LOAD_TASK } from "../load/config.ts";
import { REPORT_TASK } from "../report/report_config.ts";
import { TRANSFORM_TASK } from "../transform/config.ts";

/** Every task, in the order of the docs. */
export const TASKS: readonly RegisteredTask[] = [
  registerTask(INGEST_TASK),
  registerTask(TRANSFORM_TASK),
  registerTask(LOAD_TASK),
  registerTask(REPORT_TASK),
  registerTask(PUBLISH_TASK),
  registerTask(DEMO_TASK),
  registerTask(SERVER_TASK),
];

/** The names of TASKS. */
export const TASK_NAMES: readonly string[] = TASKS.map((t) => t.declaration.name);

/** The task named `name`, or undefined. */
export function findTask(name: string): RegisteredTask | undefined {
  return TASKS.find((t) => t.declaration.name === name);
}

/**
 * The tasks of airq, listed once: the launcher runs them and the docs generator writes their
 * flag tables from this list.
 */
import { COMPLIANCE_TASK } from "../compliance/config.ts";
import { ConfigError } from "../errors.ts";
import { type RegisteredTask, registerTask, type TaskSpec } from "../config/task_spec.ts";
import { DEMO_TASK } from "../demo/config.ts";
import { PUBLISH_TASK } from "../deploy/publish_config.ts";
import { INGEST_TASK } from "../ingest/config.ts";
import { LOAD_TASK } from "../load/config.ts";
import { REPORT_TASK } from "../report/report_config.ts";
import { TRANSFORM_TASK } from "../transform/config.ts";

/** A task of the list: its name and script, and how to load its declaration. */
export interface TaskEntry {
  name: string;
  /** Entry point, relative to the project folder. */
  script: string;
  load(): Promise<RegisteredTask>;
}

function entry<C>(spec: TaskSpec<C>): TaskEntry {
  const task = registerTask(spec);
  const { name, script } = spec.declaration;
  return { name, script, load: () => Promise.resolve(task) };
}

/**
 * The fake API is a development tool outside src/: its declaration is named by path and
 * imported at run time, so nothing in src/ depends on it and an installation without it
 * (the production image) runs the other tasks.
 */
const FIXTURE_SERVER_DECLARATION = "fixture_api/server_config.ts";

/** Every task, in the order of the docs. */
export const TASKS: readonly TaskEntry[] = [
  entry(INGEST_TASK),
  entry(TRANSFORM_TASK),
  entry(COMPLIANCE_TASK),
  entry(LOAD_TASK),
  entry(REPORT_TASK),
  entry(PUBLISH_TASK),
  entry(DEMO_TASK),
  {
    name: "fixture-server",
    script: "fixture_api/main.ts",
    load: async () => {
      const url = new URL(`../../${FIXTURE_SERVER_DECLARATION}`, import.meta.url);
      const module: { SERVER_TASK: TaskSpec<unknown> } = await import(url.href);
      return registerTask(module.SERVER_TASK);
    },
  },
];

/** Options of loadTask(). */
export interface LoadTaskOptions {
  /** Whether a script (relative to the project folder) is installed; default: every one. */
  installed?: (script: string) => boolean;
}

/**
 * The task named `name`, loaded. ConfigError for an unknown task and for one whose script is
 * not part of this installation.
 */
export async function loadTask(
  name: string,
  options: LoadTaskOptions = {},
): Promise<RegisteredTask> {
  const found = TASKS.find((t) => t.name === name);
  if (found === undefined) {
    throw new ConfigError([
      `Cannot launch "${name}": not one of ${TASKS.map((t) => t.name).join(", ")}`,
    ]);
  }
  if (options.installed && !options.installed(found.script)) {
    throw new ConfigError([
      `Cannot launch "${name}": ${found.script} is not part of this installation ` +
      "(the production image ships only the pipeline tasks; run it from a source checkout)",
    ]);
  }
  return await found.load();
}

/** Every task's declaration (for the docs). */
export async function loadAllTasks(): Promise<RegisteredTask[]> {
  return await Promise.all(TASKS.map((t) => t.load()));
}

/**
 * `deno task demo`, declared once: its flags, its config reader and the permissions a run
 * needs (the fake API on 127.0.0.1, the lake, the working folder).
 */
import { checkSetting } from "../config/check_setting.ts";
import { DEPLOYMENT_ENV_DECLARATION, LAKE_FLAG, S3_ENV } from "../config/common_flags.ts";
import type { TaskDeclaration } from "../config/declaration.ts";
import { parseDeclared, throwProblems } from "../config/declared_flags.ts";
import { lakePermissions } from "../config/permissions.ts";
import type { ReadContext, ReadResult, TaskSpec } from "../config/task_spec.ts";
import { type LakeUri, parseLakeUri } from "../lake/lake_uri.ts";

/** The day the demo ingests: an ordinary Wednesday, 24 hours in Brussels. */
export const DEMO_DATE = "2024-11-20";

/** The validated demo configuration. */
export interface DemoConfig {
  lake: string;
  lakeUri: LakeUri;
}

/** What `deno task demo` accepts and does. */
export const DEMO_DECLARATION: TaskDeclaration = {
  name: "demo",
  script: "tasks/demo.ts",
  purpose: `The offline demo: start the fake IRCEL API on 127.0.0.1, ingest ${DEMO_DATE} into ` +
    "the lake, transform it into the clean Parquet tables, write its HTML report, print the " +
    "summaries and where the files are, and stop the server.",
  usage: "[--lake URI]",
  details: [],
  flags: [LAKE_FLAG],
  env: [...S3_ENV, DEPLOYMENT_ENV_DECLARATION],
  exitCodes: { ok: "the demo ran through", failed: "a step failed" },
  examples: ["deno task demo", "deno task demo --lake file:///tmp/airq-demo"],
};

/** Parse `args` and `env`; `{ help: true }` when --help was asked. Throws ConfigError. */
export function readDemoConfig(
  args: string[],
  env: Record<string, string | undefined>,
  options: Pick<ReadContext, "cwd">,
): ReadResult<DemoConfig> {
  const flags = parseDeclared(DEMO_DECLARATION.flags, args, env);
  if (flags.help) return { help: true };
  const problems: string[] = [];
  const lake = flags.setting("lake");
  const lakeUri = checkSetting(lake, (v) => parseLakeUri(v, options.cwd), problems);
  throwProblems(problems);
  return { help: false, config: { lake: lake.value, lakeUri: lakeUri! } };
}

/** The demo task: declaration, reader and permissions. */
export const DEMO_TASK: TaskSpec<DemoConfig> = {
  declaration: DEMO_DECLARATION,
  read: readDemoConfig,
  permissions: (config, { env, cwd }) => {
    const lake = lakePermissions(config.lakeUri, env);
    return { ...lake, net: [...lake.net, "127.0.0.1"], read: [...lake.read, cwd], sys: "cpus" };
  },
};

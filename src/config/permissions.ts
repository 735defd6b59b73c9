/**
 * What a task may touch, computed by its declaration from its parsed, typed config, and the
 * grants every lake user shares (the file:// folder, or the S3 endpoint and the container
 * credentials host). src/launch/task_permissions.ts turns them into Deno flags. Pure.
 */
import type { LakeUri } from "../lake/lake_uri.ts";
import { s3EndpointFromEnv, s3TimeoutFromEnv } from "../lake/s3_request.ts";

/** The permissions of one run of a task, besides the runtime's own. */
export interface Permissions {
  /** Hosts (host[:port]) the task connects to. */
  net: string[];
  /** Paths the task reads (files or folders). */
  read: string[];
  /** Paths the task writes. */
  write: string[];
  /** System information: "cpus" (DuckDB-WASM, worker count) or "all" (snowflake-sdk). */
  sys?: "cpus" | "all";
  /** Native code (snowflake-sdk's helper). */
  ffi?: boolean;
  /** V8 flags of the run, e.g. a smaller young generation for long runs. */
  v8Flags?: string[];
}

/** What a declaration needs besides the config to compute permissions. */
export interface PermissionContext {
  /** The task's environment (S3 endpoint, container credentials, HOME). */
  env: Record<string, string | undefined>;
  /** Working folder. */
  cwd: string;
}

/** The ECS/Batch container credentials host. */
const CONTAINER_HOST = "169.254.170.2";

/** host[:port] of a URL as Deno's --allow-net wants it. */
export function netHost(url: string): string {
  const u = new URL(url);
  return u.port ? `${u.hostname}:${u.port}` : u.hostname;
}

/** The S3 endpoint host and the container credentials host (when set). Throws ConfigError. */
export function s3Hosts(env: Record<string, string | undefined>): string[] {
  s3TimeoutFromEnv(env); // a bad timeout is a configuration error before the run
  const hosts = [netHost(s3EndpointFromEnv(env).endpoint)];
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) hosts.push(CONTAINER_HOST);
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    hosts.push(netHost(env.AWS_CONTAINER_CREDENTIALS_FULL_URI));
  }
  return hosts;
}

/** Read and write of a file:// lake, or the S3 hosts of an s3:// one. */
export function lakePermissions(
  lake: LakeUri,
  env: Record<string, string | undefined>,
): Permissions {
  return lake.kind === "file"
    ? { net: [], read: [lake.path], write: [lake.path] }
    : { net: s3Hosts(env), read: [], write: [] };
}

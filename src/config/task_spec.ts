/**
 * A task's declaration together with its config reader and the permissions it computes from
 * the parsed config; the registry holds them with the config type hidden. Pure.
 */
import type { TaskDeclaration } from "./declaration.ts";
import type { PermissionContext, Permissions } from "./permissions.ts";

/** What a config reader returns: help was asked, or the validated config. */
export type ReadResult<C> = { help: true } | { help: false; config: C };

/** What a config reader needs besides args and env. */
export interface ReadContext {
  /** Now, for default dates. */
  now: Temporal.Instant;
  /** Working folder, for relative file:// lakes. */
  cwd: string;
}

/** A task: its declaration, its reader and its permissions. */
export interface TaskSpec<C> {
  declaration: TaskDeclaration;
  /** The task's own config reader (throws ConfigError). */
  read(
    args: string[],
    env: Record<string, string | undefined>,
    context: ReadContext,
  ): ReadResult<C>;
  /** What one run with `config` may touch. */
  permissions(config: C, context: PermissionContext): Permissions;
}

/** A task as the registry holds it. */
export interface RegisteredTask {
  declaration: TaskDeclaration;
  /** Read args and env with the task's reader: "help", or the run's permissions. */
  plan(
    args: string[],
    env: Record<string, string | undefined>,
    context: ReadContext,
  ): Permissions | "help";
}

/** Hide the config type of `spec`. */
export function registerTask<C>(spec: TaskSpec<C>): RegisteredTask {
  return {
    declaration: spec.declaration,
    plan: (args, env, context) => {
      const parsed = spec.read(args, env, context);
      return parsed.help ? "help" : spec.permissions(parsed.config, { env, cwd: context.cwd });
    },
  };
}

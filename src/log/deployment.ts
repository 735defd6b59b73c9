/**
 * The `deployment` dimension of the metrics (emf.ts): AIRQ_DEPLOYMENT, which Terraform
 * sets to `name_prefix` on the Batch job definitions, or "default" when unset (a local
 * run). The alarms select their metrics by this value, so it is checked, not cleaned.
 */
import { ConfigError } from "../errors.ts";

/** Environment variable naming the deployment. */
export const DEPLOYMENT_ENV = "AIRQ_DEPLOYMENT";

/** The deployment when AIRQ_DEPLOYMENT is unset or empty. */
export const DEFAULT_DEPLOYMENT = "default";

const VALID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The deployment named by `env`; ConfigError when it is not 1-64 letters, digits, ".", "_", "-". */
export function readDeployment(env: Record<string, string | undefined>): string {
  const value = env[DEPLOYMENT_ENV];
  if (value === undefined || value === "") return DEFAULT_DEPLOYMENT;
  if (!VALID.test(value)) {
    throw new ConfigError([
      `${DEPLOYMENT_ENV}: expected 1-64 letters, digits, ".", "_" or "-" starting with a ` +
      `letter or digit, got ${JSON.stringify(value.slice(0, 80))}`,
    ]);
  }
  return value;
}

/**
 * How long Terraform waits for a state lock held by another run (another runner deploying the same
 * stack; with the pg backend, the first deploy of any stack of the database) before it fails:
 * DA_MANAGE_OUT_LOCK_TIMEOUT, default 15m. cdktf has no flag for it; Terraform takes it from
 * TF_CLI_ARGS_<command>, which are left alone when they already give one.
 *
 * The value is checked as Terraform reads it (./go-duration.ts). A value it refuses ("900" without
 * a unit, more than int64 nanoseconds) would fail every plan, apply and destroy with "invalid
 * value ... for flag -lock-timeout"; it is refused before anything runs instead.
 */
import { showValue } from "../io/show-value";
import { parseGoDuration } from "./go-duration";

/** The wait when DA_MANAGE_OUT_LOCK_TIMEOUT is not set. */
export const DEFAULT_LOCK_TIMEOUT = "15m";

/** The environment with the lock timeout, and the timeout; or why the setting is refused. */
export type LockTimeout =
  | { env: NodeJS.ProcessEnv; timeout: string; error?: undefined }
  | { env?: undefined; timeout?: undefined; error: string };

/**
 * The environment with `-lock-timeout` for plan, apply and destroy, and the timeout; or an error
 * message when DA_MANAGE_OUT_LOCK_TIMEOUT is not a duration Terraform reads.
 */
export function withLockTimeout(env: NodeJS.ProcessEnv): LockTimeout {
  const timeout = env.DA_MANAGE_OUT_LOCK_TIMEOUT || DEFAULT_LOCK_TIMEOUT;
  const parsed = parseGoDuration(timeout);
  if (parsed.reason !== undefined) {
    return {
      error: `DA_MANAGE_OUT_LOCK_TIMEOUT is '${showValue(timeout, 60)}', which Terraform's -lock-timeout does not take: ${parsed.reason}; write a duration such as 900s, 15m or 1h`,
    };
  }
  const result = { ...env };
  for (const command of ["plan", "apply", "destroy"]) {
    const name = `TF_CLI_ARGS_${command}`;
    if (!(result[name] || "").includes("-lock-timeout")) {
      result[name] = `${result[name] ? `${result[name]} ` : ""}-lock-timeout=${timeout}`;
    }
  }
  return { env: result, timeout };
}

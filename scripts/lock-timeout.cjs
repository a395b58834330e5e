// How long Terraform waits for a state lock held by another run (another runner deploying the same
// stack; with the pg backend, the first deploy of any stack of the database) before it fails:
// DA_MANAGE_OUT_LOCK_TIMEOUT, default 15m. cdktf has no flag for it; Terraform takes it from
// TF_CLI_ARGS_<command>, which are left alone when they already give one.
const DEFAULT_LOCK_TIMEOUT = "15m";

/**
 * The environment with `-lock-timeout` for plan, apply and destroy, and the timeout; or an error
 * message when DA_MANAGE_OUT_LOCK_TIMEOUT is not a duration.
 */
function withLockTimeout(env) {
  const timeout = env.DA_MANAGE_OUT_LOCK_TIMEOUT || DEFAULT_LOCK_TIMEOUT;
  if (!/^\d+[smh]?$/.test(timeout)) {
    return { error: "DA_MANAGE_OUT_LOCK_TIMEOUT must be a duration such as 900s, 15m or 1h" };
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

module.exports = { withLockTimeout };

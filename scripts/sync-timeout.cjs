// How long `npm run deploy` (and `da-manage-out sync-status --wait`) waits for a device group to
// reach "In Sync" after a config sync: DA_MANAGE_OUT_SYNC_TIMEOUT, default 5m. Written as
// DA_MANAGE_OUT_LOCK_TIMEOUT is (a Go duration: 90s, 5m, 1h30m) and read by the same parser, so
// that both settings take the same values. A sync of a few objects ends within seconds; F5's
// Ansible module `bigip_configsync_action` waits 180 reads 3 s apart (about 9 minutes) at most.
const { parseGoDuration, quoted } = require("./lock-timeout.cjs");

const DEFAULT_SYNC_TIMEOUT = "5m";

/**
 * `{ text, milliseconds }` of DA_MANAGE_OUT_SYNC_TIMEOUT (its default when unset), or `{ error }`
 * saying what is wrong with it.
 */
function syncTimeout(env) {
  const text = env.DA_MANAGE_OUT_SYNC_TIMEOUT || DEFAULT_SYNC_TIMEOUT;
  const parsed = parseGoDuration(text);
  const reason =
    parsed.reason ?? (parsed.nanoseconds < 0n ? "a wait cannot be negative" : undefined);
  if (reason !== undefined) {
    return {
      error: `DA_MANAGE_OUT_SYNC_TIMEOUT is ${quoted(text)}, not a duration: ${reason}; write one such as 90s, 5m or 1h (0 reads the sync status once)`,
    };
  }
  return { text, milliseconds: Number(parsed.nanoseconds / 1000000n) };
}

module.exports = { DEFAULT_SYNC_TIMEOUT, syncTimeout };

/**
 * How long `da-manage-out deploy` (and `da-manage-out sync-status --wait`) waits for a device group
 * to reach "In Sync" after a config sync: DA_MANAGE_OUT_SYNC_TIMEOUT, default 5m. Written as
 * DA_MANAGE_OUT_LOCK_TIMEOUT is (a Go duration: 90s, 5m, 1h30m) and read by the same parser, so
 * that both settings take the same values. A sync of a few objects ends within seconds; F5's
 * Ansible module `bigip_configsync_action` waits 180 reads 3 s apart (about 9 minutes) at most.
 */
import { showValue } from "../io/show-value";
import { parseGoDuration } from "./go-duration";

/** The wait when DA_MANAGE_OUT_SYNC_TIMEOUT is not set. */
export const DEFAULT_SYNC_TIMEOUT = "5m";

/** The wait as written and in milliseconds, or what is wrong with the setting. */
export type SyncTimeout =
  { text: string; milliseconds: number; error?: undefined } | { error: string };

/** DA_MANAGE_OUT_SYNC_TIMEOUT (its default when unset), or what is wrong with it. */
export function syncTimeout(env: NodeJS.ProcessEnv): SyncTimeout {
  const text = env.DA_MANAGE_OUT_SYNC_TIMEOUT || DEFAULT_SYNC_TIMEOUT;
  const parsed = parseGoDuration(text);
  const reason =
    parsed.reason ?? (parsed.nanoseconds < 0n ? "a wait cannot be negative" : undefined);
  if (reason !== undefined) {
    return {
      error: `DA_MANAGE_OUT_SYNC_TIMEOUT is '${showValue(text, 60)}', not a duration: ${reason}; write one such as 90s, 5m or 1h (0 reads the sync status once)`,
    };
  }
  return { text, milliseconds: Number((parsed as { nanoseconds: bigint }).nanoseconds / 1000000n) };
}

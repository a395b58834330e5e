/**
 * DA_MANAGE_OUT_SYNC_TIMEOUT (lib/deploy/sync-timeout.ts) takes what DA_MANAGE_OUT_LOCK_TIMEOUT
 * takes (the same parser), 5m when unset; a negative wait is refused too.
 */
import { syncTimeout } from "../../lib/deploy/sync-timeout";

test.each<[string | undefined, string, number]>([
  [undefined, "5m", 300_000],
  ["", "5m", 300_000],
  ["90s", "90s", 90_000],
  ["1h30m", "1h30m", 5_400_000],
  ["1.5s", "1.5s", 1_500],
  ["0", "0", 0],
])("DA_MANAGE_OUT_SYNC_TIMEOUT=%s waits %s", (value, text, milliseconds) => {
  expect(syncTimeout({ DA_MANAGE_OUT_SYNC_TIMEOUT: value })).toEqual({ text, milliseconds });
});

test.each([
  [
    "-1s",
    `DA_MANAGE_OUT_SYNC_TIMEOUT is '-1s', not a duration: a wait cannot be negative; write one such as 90s, 5m or 1h (0 reads the sync status once)`,
  ],
  [
    "5 min",
    `DA_MANAGE_OUT_SYNC_TIMEOUT is '5 min', not a duration: ' min' is not a unit (ns, us, ms, s, m, h); write one such as 90s, 5m or 1h (0 reads the sync status once)`,
  ],
])("%s is refused, saying why", (value, error) => {
  expect(syncTimeout({ DA_MANAGE_OUT_SYNC_TIMEOUT: value })).toEqual({ error });
});

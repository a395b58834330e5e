/**
 * A pool member's `session` and `state` as the device shows them, from what was asked of it and
 * what its monitor finds. The public record (f5-ansible `bigip_pool_member.py`: the values it
 * sends, and how it reads the device's answer back):
 * - Asked for: enabled = `session: user-enabled, state: user-up`; disabled = `session:
 *   user-disabled, state: user-up`; forced offline = `session: user-disabled, state: user-down`.
 *   The provider's pool attachment (1.24.1, resourceBigipLtmPoolAttachmentUpdate) PATCHes the
 *   same pairs for its `state` enabled / disabled / forced_offline.
 * - Shown: `session` monitor-enabled (enabled, monitored), user-enabled (enabled, no monitor),
 *   user-disabled; `state` up / down / checking (monitored: "the monitor is checking", "returned
 *   and determined it is down / up"), unchecked (no monitor), user-down (forced offline).
 * Unconfirmed: that a disabled monitored member keeps showing its monitor's verdict (the fake
 * does, like f5-ansible's fixture `pool_members_subcollection.json`: user-disabled with state up),
 * and how long a new member stays `checking` (the fake: until a test says otherwise, see
 * `DeviceState.monitorResults`; by default its monitor finds it up at once).
 */

/** What an administrator (or the provider) asked of a member. */
export type MemberAdminState = "enabled" | "disabled" | "forced-offline";

/** What a member's monitor finds. */
export type MonitorResult = "up" | "down" | "checking";

/** The admin state a PATCH or POST body asks for, or `undefined` when it does not say. */
export function requestedAdminState(body: Record<string, unknown>): MemberAdminState | undefined {
  if (body.state === "user-down") return "forced-offline";
  if (body.session === "user-disabled") return "disabled";
  if (body.session === "user-enabled" || body.state === "user-up") return "enabled";
  return undefined;
}

/** `session` and `state` as the device shows them. */
export function shownStatus(
  admin: MemberAdminState,
  monitored: boolean,
  result: MonitorResult,
): { session: string; state: string } {
  if (admin === "forced-offline") return { session: "user-disabled", state: "user-down" };
  const state = monitored ? result : "unchecked";
  if (admin === "disabled") return { session: "user-disabled", state };
  return { session: monitored ? "monitor-enabled" : "user-enabled", state };
}

/**
 * The account can do what the stacks need, from the device's own answer about the user, before
 * anything is written (docs/operator-tools.md, "The account"):
 * - run tmsh through `/mgmt/tm/util/bash`: every stack's `bigip_command` (node cleanup on
 *   destroy, the mask or route-domain settings, config sync) is a POST there with
 *   `utilCmdArgs: "-c 'tmsh ...'"` (F5Networks/bigip 1.28.0 `resource_bigip_command.go`,
 *   go-bigip `RunCommand`). It needs the advanced shell, which F5 gives the Administrator and
 *   Resource Administrator roles only (F5 "User Roles", BIG-IP 17.0; f5-ansible `bigip_user.py`:
 *   "Shell access is only available to 'admin' or 'resource-admin' roles"); a Manager gets HTTP
 *   400 `"bash" unexpected argument` (f5-ansible issues 1570, 1944). That util/bash over REST
 *   accepts a Resource Administrator is unconfirmed: a warning;
 * - read `net/self`, which the provider reads before every plan and apply (go-bigip
 *   `ValidateConnection`); a Manager of one partition gets HTTP 401 there (provider issue 160);
 * - write in each stack's partition: an Administrator writes in every partition.
 */
import type { Check } from "./doctor";
import type { SelfIpAnswer } from "../device/self-ips";
import type { PartitionAccess, UserAccount } from "../device/user-account";
import type { Inventory } from "../inventory";
import { showValue } from "../io/show-value";

/** The role the stacks need, as `partitionAccess` writes it. */
const NEEDED = "Administrator (role admin on all-partitions)";

/** How to give a user the role the stacks need, in tmsh (run by an administrator). */
function grant(user: string): string {
  return `tmsh modify auth user ${user} partition-access replace-all-with { all-partitions { role admin } }`;
}

/** `DA: manager, Common: guest`: the user's roles as the record lists them. */
function formatAccess(access: readonly PartitionAccess[]): string {
  return access.length === 0
    ? "no role"
    : access
        .map((entry) => `${showValue(entry.partition, 60)}: ${showValue(entry.role, 40)}`)
        .join(", ");
}

/**
 * Checks the account of one device's session for the inventories that go to that device. With
 * `planOnly` (an account that only plans, such as the GitOps plan job's Auditor) the role is shown,
 * not required: a plan only reads, net/self included.
 */
export function checkAccount(
  inventories: readonly Inventory[],
  user: string,
  account: UserAccount,
  selfIps: SelfIpAnswer,
  options: { readonly planOnly?: boolean } = {},
): Check[] {
  const stacks = inventories.map((inventory) => inventory.stackName).join(", ");
  const partitions = [...new Set(inventories.map((inventory) => `/${inventory.bigip.partition}`))];
  const who = `${stacks}: user ${showValue(user, 60)}`;
  const role = roleCheck(who, user, account, partitions);
  const checks: Check[] = [
    options.planOnly && account.kind !== "none" && (!role.ok || role.warning)
      ? {
          ok: true,
          what: `${who} ${account.kind === "record" ? `has ${formatAccess(account.access)}` : "cannot read its own record"} (--plan-only: a plan only reads; a deploy needs ${NEEDED})`,
        }
      : role,
  ];
  if (selfIps.kind === "refused") {
    checks.push({
      ok: false,
      what: `${who} cannot read net/self (${selfIps.error}); the provider reads it to check its connection before every plan and apply, so no plan would run`,
      fix: `give ${showValue(user, 60)} the role the stacks need, ${NEEDED}: ${grant(showValue(user, 60))}`,
    });
  }
  return checks;
}

function roleCheck(
  who: string,
  user: string,
  account: UserAccount,
  partitions: readonly string[],
): Check {
  const shownUser = showValue(user, 60);
  if (account.kind === "none") {
    return {
      ok: true,
      warning: true,
      what: `${who} has no local record on the device (GET /mgmt/tm/auth/user/${shownUser}: not found), as a remotely authenticated user has none: its role could not be checked`,
      fix: `check that the role its remote group maps to is ${NEEDED} (tmsh list auth remote-role, tmsh list auth remote-user): the stacks run tmsh through util/bash`,
    };
  }
  if (account.kind === "refused") {
    return {
      ok: false,
      what: `${who} cannot read its own record (${account.error}), which an Administrator can: its role is not the one the stacks need, ${NEEDED}`,
      fix: `have an administrator check its role (tmsh list auth user ${shownUser}) and give it ${NEEDED}: ${grant(shownUser)}`,
    };
  }
  const everywhere = (role: string) =>
    account.access.some((entry) => entry.partition === "all-partitions" && entry.role === role);
  if (everywhere("admin")) {
    return {
      ok: true,
      what: `${who} is admin on all-partitions: it runs tmsh through util/bash, reads net/self and writes in ${partitions.join(", ")}`,
    };
  }
  if (everywhere("resource-admin")) {
    return {
      ok: true,
      warning: true,
      what: `${who} is resource-admin on all-partitions: F5 gives that role the advanced shell as it gives admin, but that util/bash over REST accepts it is unconfirmed (the stacks run tmsh through it: node cleanup, mask and route-domain settings, config sync)`,
      fix: `if a deploy or destroy fails with "bash" unexpected argument, give it ${NEEDED}: ${grant(shownUser)}`,
    };
  }
  return {
    ok: false,
    what: `${who} has ${formatAccess(account.access)}; the stacks need ${NEEDED}: they run tmsh through /mgmt/tm/util/bash (node cleanup on destroy, mask and route-domain settings, config sync), which the device refuses to other roles (HTTP 400 "bash" unexpected argument): a deploy or destroy would stop half-applied`,
    fix: `give it ${NEEDED} (${grant(shownUser)}), or deploy with an account that has it`,
  };
}

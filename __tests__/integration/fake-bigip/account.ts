/**
 * The fake's one account and what its role lets it do, as the public record describes the device:
 * - `GET /mgmt/tm/auth/user/<name>` answers the user's record, with `partitionAccess` a list of
 *   `{ name, role }`: `name` a partition or "all-partitions" (f5-ansible `bigip_user.py`, which
 *   writes "all" as "all-partitions"; CiscoTestAutomation/genieparser
 *   `tests/test_get_auth_user.py`, TMOS 14.1.2.1: admin on all-partitions, with `nameReference`).
 *   The fake answers only its own user's record; what the device answers a non-administrator for
 *   another user's record is unconfirmed (404 here).
 * - `/mgmt/tm/util/bash` needs the advanced shell (bash), which only the Administrator and
 *   Resource Administrator roles have (F5 "User Roles" manual chapter, BIG-IP 17.0, as
 *   the role table is quoted by Qualys "F5 BIG-IP non-advanced shell account setup"; f5-ansible
 *   `bigip_user.py`: "Shell access is only available to 'admin' or 'resource-admin' roles"). A
 *   Manager-role user gets HTTP 400 `"bash" unexpected argument` (f5-ansible issues 1570 and 1944,
 *   where the module raises the answer's `message`: tmsh's own syntax error, so the command
 *   reached tmsh, not bash); the other fields of that answer are the
 *   fake's usual error shape, unconfirmed. That a Resource Administrator may use util/bash over
 *   REST is unconfirmed: the fake lets it.
 * - A user whose roles are all in named partitions gets HTTP 401 on `GET /mgmt/tm/net/self`
 *   (F5Networks/terraform-provider-bigip issue 160: a Manager of one partition,
 *   `Authorization failed: user=https://localhost/mgmt/shared/authz/users/test
 *   resource=/mgmt/tm/net/self verb=GET ...`). That an all-partitions Manager can read net/self
 *   is unconfirmed (the fake lets it).
 */
import { DeviceError } from "./device-error";

/** One entry of `partitionAccess`: a partition (or "all-partitions") and the role there. */
export interface PartitionAccess {
  readonly name: string;
  readonly role: string;
}

/** The fake's account unless a test says otherwise: Administrator on all partitions. */
export const ADMINISTRATOR: readonly PartitionAccess[] = [
  { name: "all-partitions", role: "admin" },
];

/** Roles with the advanced shell, which util/bash needs. */
const SHELL_ROLES = new Set(["admin", "resource-admin"]);

/** The account a request is made with: its user name and roles. */
export interface Account {
  readonly user: string;
  readonly access: readonly PartitionAccess[];
}

/**
 * What the account's role makes of a request below `/mgmt/tm/` (`segments`, decoded): the user's
 * record for `GET auth/user/<name>`, a thrown DeviceError where the role refuses it, `undefined`
 * where the device's configuration answers.
 */
export function accountAnswer(
  account: Account,
  method: string,
  segments: readonly string[],
  address: string,
): unknown {
  const path = segments.join("/");
  const { user, access } = account;
  if (path === "util/bash" && !access.some((entry) => SHELL_ROLES.has(entry.role))) {
    throw new DeviceError(400, '"bash" unexpected argument');
  }
  if (path === "net/self" && !access.some((entry) => entry.name === "all-partitions")) {
    throw new DeviceError(
      401,
      `Authorization failed: user=https://localhost/mgmt/shared/authz/users/${user} resource=/mgmt/tm/net/self verb=${method} uri:http://localhost:8100/mgmt/tm/net/self referrer:${address} sender:${address}`,
    );
  }
  if (
    method === "GET" &&
    segments.length === 3 &&
    segments[0] === "auth" &&
    segments[1] === "user"
  ) {
    // Another user's record: the device's answer is unconfirmed.
    if (segments[2] !== user)
      throw new DeviceError(404, `01020036:3: The requested user (${segments[2]}) was not found.`);
    return userRecord(user, access);
  }
  return undefined;
}

/** `auth/user/<name>` as the device shows it: name, partition access with references. */
function userRecord(name: string, access: readonly PartitionAccess[]): unknown {
  return {
    kind: "tm:auth:user:userstate",
    name,
    fullPath: name,
    generation: 1,
    selfLink: `https://localhost/mgmt/tm/auth/user/${name}?ver=17.1.1`,
    description: name,
    partitionAccess: access.map((entry) => ({
      name: entry.name,
      role: entry.role,
      nameReference: {
        link: `https://localhost/mgmt/tm/auth/partition/${entry.name}?ver=17.1.1`,
      },
    })),
  };
}

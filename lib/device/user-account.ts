/**
 * The device's own answer about the user a session logged in as: `GET /mgmt/tm/auth/user/<name>`,
 * whose `partitionAccess` lists `{ name, role }`, `name` a partition or "all-partitions"
 * (f5-ansible `bigip_user.py`, which writes "all" as "all-partitions"; the record as
 * CiscoTestAutomation/genieparser `tests/test_get_auth_user.py` shows it for admin, TMOS
 * 14.1.2.1). The roles' names are those of `bigip_user.py`'s `partition_access` (admin,
 * resource-admin, manager, operator, guest, ...).
 */
import type { DeviceReader } from "./device-snapshot";
import { DeviceConnectionError } from "./icontrol-client";

/** One entry of `partitionAccess`. */
export interface PartitionAccess {
  /** A partition's name, or "all-partitions". */
  readonly partition: string;
  readonly role: string;
}

/** What the device said about the user. */
export type UserAccount =
  /** The record, with the user's roles. */
  | { readonly kind: "record"; readonly access: readonly PartitionAccess[] }
  /** No local record (404): a remotely authenticated user has none. */
  | { readonly kind: "none" }
  /** The device refused to show the user its own record. */
  | { readonly kind: "refused"; readonly error: string };

/** Reads the user's record: one request. Other errors than 401 and 403 are thrown. */
export async function readUserAccount(client: DeviceReader, user: string): Promise<UserAccount> {
  let answer: unknown;
  try {
    answer = await client.get(`auth/user/${encodeURIComponent(user)}`);
  } catch (error) {
    if (error instanceof DeviceConnectionError && refusedStatus(error.status)) {
      return { kind: "refused", error: error.message };
    }
    throw error;
  }
  if (answer === undefined) return { kind: "none" };
  const list =
    typeof answer === "object" && answer !== null
      ? (answer as Record<string, unknown>).partitionAccess
      : undefined;
  const access = (Array.isArray(list) ? list : []).flatMap((entry): PartitionAccess[] => {
    const { name, role } = (entry ?? {}) as Record<string, unknown>;
    return typeof name === "string" && typeof role === "string" ? [{ partition: name, role }] : [];
  });
  return { kind: "record", access };
}

/** 401 and 403: the session is valid, the role does not reach this object. */
export function refusedStatus(status: number | undefined): boolean {
  return status === 401 || status === 403;
}

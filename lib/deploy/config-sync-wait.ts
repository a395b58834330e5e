/**
 * After `da-manage-out deploy` and `destroy`: the wait for each device group to be "In Sync".
 * A stack whose inventory sets bigip.configSync runs `run cm config-sync to-group <group>` after
 * its apply, and before each DA server's objects are destroyed; the command only starts the sync
 * and returns at once, and the group shows "Changes Pending" or "Not All Devices Synced" until it
 * ends, or stays so when the standby never got the change (F5's Ansible module
 * bigip_configsync_action polls cm/sync-status for this; lib/device/sync-status.ts has the
 * sources). So the deploy runs `da-manage-out sync-status --wait` for the stacks: it reads each
 * group until In Sync, at most DA_MANAGE_OUT_SYNC_TIMEOUT (./sync-timeout.ts), logs in
 * once per device and logs out at the end, also on failure, and says per stack what is wrong
 * and what to do. Stacks without bigip.configSync are left out. After a destroy that found
 * nothing to destroy no sync ran, and the group is read all the same: it is as the last deploy
 * left it.
 */
import * as path from "node:path";
import type { RunProcess } from "./process-runner";
import { inventoryFolder } from "../inventory/load-inventories";

/**
 * Waits for the device groups of `stacks`, reading the device as the stack's provider does: the
 * inventories of DA_MANAGE_OUT_INVENTORIES (else inventories/), the CA the deploy hands to the
 * provider (BIGIP_TRUSTED_CERT_PATH, absolute). Returns the command's exit code: 0 when every
 * group is In Sync.
 */
export function waitForConfigSync(
  stacks: readonly string[],
  env: NodeJS.ProcessEnv,
  root: string,
  run: RunProcess,
): number {
  const args = [
    path.join(root, "bin", "da-manage-out.js"),
    "sync-status",
    "--wait",
    ...stacks.flatMap((stack) => ["--stack", stack]),
    ...(env.BIGIP_TRUSTED_CERT_PATH ? ["--ca-file", env.BIGIP_TRUSTED_CERT_PATH] : []),
    // After `--`: a folder name is never read as an option.
    "--",
    inventoryFolder(env),
  ];
  const result = run(process.execPath, args, { cwd: root, env, inherit: true });
  return result.status === null ? 1 : result.status;
}

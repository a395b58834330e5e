/**
 * The config-sync state of each stack's device group (`bigip.configSync`), as `doctor`, `audit`
 * and `sync-status` report it: one line per stack, "In Sync" or the state with the units that are
 * not in sync and what to do. An HA pair whose group is not "In Sync" has a standby without the
 * active unit's last changes: the first failover loses them (lib/device/sync-status.ts has the
 * device's side).
 */
import type { Inventory } from "../inventory";
import type { DeviceReader } from "../device/device-snapshot";
import {
  groupSyncState,
  IN_SYNC,
  readGroupPeers,
  readSyncStatus,
  type GroupPeer,
  type GroupSyncState,
  type SyncWaitResult,
} from "../device/sync-status";
import { showValue } from "../io/show-value";
import type { Check } from "./doctor";

/** A stack's device group and its state. */
export interface StackSync {
  readonly stack: string;
  readonly state: GroupSyncState;
  /** The group's other units; read only when it is not "In Sync". */
  readonly peers: readonly GroupPeer[];
}

/** The stacks of the inventories that sync a device group, with the group. */
export function syncingStacks(
  inventories: readonly Inventory[],
): { readonly stack: string; readonly deviceGroup: string }[] {
  return inventories.flatMap((inventory) =>
    inventory.bigip.configSync
      ? [{ stack: inventory.stackName, deviceGroup: inventory.bigip.configSync.deviceGroup }]
      : [],
  );
}

/**
 * Each syncing stack's group as the device shows it now: one read of `cm/sync-status` for all,
 * and two requests per group that is not "In Sync" (its other units). No request when no
 * inventory syncs.
 */
export async function readStackSyncs(
  client: DeviceReader,
  inventories: readonly Inventory[],
): Promise<StackSync[]> {
  const stacks = syncingStacks(inventories);
  if (stacks.length === 0) return [];
  const read = await readSyncStatus(client);
  return Promise.all(
    stacks.map(async ({ stack, deviceGroup }) => {
      const state = groupSyncState(read, deviceGroup);
      return { stack, state, peers: await peersUnlessInSync(client, state) };
    }),
  );
}

/** The group's other units when it is not "In Sync" (for the message), else none. */
export async function peersUnlessInSync(
  client: DeviceReader,
  state: GroupSyncState,
): Promise<GroupPeer[]> {
  return state.status === IN_SYNC ? [] : readGroupPeers(client, state.deviceGroup);
}

/** How a wait for the sync ended, for its line: the result and the timeout as configured. */
export interface SyncWait {
  readonly result: SyncWaitResult;
  /** DA_MANAGE_OUT_SYNC_TIMEOUT as written, e.g. `5m`. */
  readonly timeout: string;
}

/**
 * The line of a stack's group: ok when it is "In Sync"; else its state, what the device says,
 * the units not in sync and what to do. With `wait`, the line of a wait that ended.
 */
export function syncCheck(sync: StackSync, wait?: SyncWait): Check {
  const { stack, state, peers } = sync;
  const group = showValue(state.deviceGroup);
  if (state.status === IN_SYNC) {
    return { ok: true, what: `${stack}: device group ${group} is In Sync` };
  }
  const shownState =
    state.status === undefined
      ? "unknown (the device's answer holds no sync status)"
      : `${showValue(state.status, 60)}${state.fromDevice ? " (the device's overall status: no detail line names the group)" : ""}`;
  const said = state.explanation === undefined ? "" : ` (${showValue(state.explanation, 200)})`;
  const described = (name: string, failoverState?: string) => {
    const notes = [failoverState, state.disconnected.includes(name) ? "disconnected" : undefined];
    const shown = notes.filter((note): note is string => note !== undefined);
    return `${showValue(name, 80)}${shown.length === 0 ? "" : ` (${shown.map((note) => showValue(note, 20)).join(", ")})`}`;
  };
  const units = [
    ...peers.map((peer) => described(peer.name, peer.failoverState)),
    ...state.disconnected
      .filter((name) => !peers.some((peer) => peer.name === name))
      .map((name) => described(name)),
  ];
  const notInSync = units.length === 0 ? "" : `; not in sync: ${units.join(", ")}`;
  const stopped = wait?.result.stopped;
  const timedOut =
    stopped === "timeout"
      ? ` after ${showValue(wait!.timeout, 40)} (DA_MANAGE_OUT_SYNC_TIMEOUT)`
      : stopped === "interrupted"
        ? " (the wait was interrupted)"
        : "";
  const what = wait
    ? `${stack}: device group ${group} is not In Sync${timedOut}: its state is ${shownState}${said}${notInSync}`
    : `${stack}: device group ${group} is ${shownState}${said}${notInSync}`;
  const again = wait
    ? `; then confirm with npx da-manage-out sync-status --stack ${stack} (--wait waits for it)`
    : "";
  return {
    ok: false,
    what,
    fix: `${whatToDo(state)}${again}. Until the group is In Sync the other unit lacks the active unit's changes, and a failover loses them`,
  };
}

/** What to do about a group in `state`, by its status. */
function whatToDo(state: GroupSyncState): string {
  const group = showValue(state.deviceGroup);
  const push = `tmsh run cm config-sync to-group ${group} on the unit that holds the intended configuration (the active unit)`;
  const recommended = state.recommendations
    .map((line) => `the device says: ${showValue(line, 160)}; `)
    .join("");
  switch (state.status) {
    case "Disconnected":
      return `the units do not reach each other ("resolve any communication problems before attempting to sync", f5-ansible bigip_configsync_action): check their ConfigSync addresses and the network between them (tmsh show cm sync-status lists each unit connected or disconnected), then ${push}`;
    case "Changes Pending":
      return `${recommended}the changes have not reached the other unit: ${push}`;
    case "Awaiting Initial Sync":
      return `the group has never been synced: ${push}`;
    case "Not All Devices Synced":
    case "Syncing":
      return `a sync is running or did not reach every unit: tmsh show cm sync-status on the active unit says which; if it does not end, ${push}`;
    default:
      return `${recommended}tmsh show cm sync-status on the active unit says why; then ${push}`;
  }
}

/**
 * The config-sync state of a device group, as the device reports it (`GET /mgmt/tm/cm/sync-status`),
 * and the wait for it after a config sync.
 *
 * `run cm config-sync to-group <group>` starts the sync and returns at once: "It only starts the
 * sync and does not wait for it to complete. The synchronization status must be check[ed]
 * manually" (e-XpertSolutions/f5-rest-client `f5/config-sync.go`, ConfigSync). F5's own Ansible
 * module polls for the end: `bigip_configsync_action.py` (F5Networks/f5-ansible,
 * `ansible_collections/f5networks/f5_modules/plugins/modules/`), `_wait_for_sync`, reads
 * `cm/sync-status` every 3 s; it returns on "In Sync", keeps waiting on "Changes Pending",
 * "Awaiting Initial Sync" and "Not All Devices Synced" ("A device group will go into this state
 * immediately after starting the sync and stay until all devices finish"), fails at once on
 * "Disconnected" ("One or more devices are unreachable") and on any other state. So does
 * F5Networks/f5-common-python `f5/multi_device/device_group.py` (`config-sync to-group`, then a
 * poll until the status is "In Sync").
 */
import type { DeviceReader } from "./device-snapshot";

/** The state of a device group whose units all hold the same configuration. */
export const IN_SYNC = "In Sync";

/**
 * States a running sync passes through, waited out until the timeout: f5-ansible's three, and
 * "Syncing" (unconfirmed: no public answer shows it). f5-ansible fails a "Changes Pending" whose
 * details recommend an action at once; here it is waited out too, since the first read may come
 * before the sync began, and the recommendation is shown if it stays.
 */
export const SYNC_RUNNING_STATES: readonly string[] = [
  "Changes Pending",
  "Awaiting Initial Sync",
  "Not All Devices Synced",
  "Syncing",
];

/** Between two reads while waiting: f5-ansible's `time.sleep(3)`. */
export const SYNC_POLL_INTERVAL_MS = 3_000;

/** One read of `cm/sync-status`: the device's own state and its detail lines. */
export interface SyncStatus {
  /** `In Sync`, `Changes Pending`...: the device's status over all its device groups. */
  readonly status?: string;
  /** `green`, `yellow`, `red`, `blue`... */
  readonly color?: string;
  /** One sentence, e.g. `There is a possible change conflict between bigip1 and bigip2.` */
  readonly summary?: string;
  /**
   * The detail lines in the device's order: `bigip2.example.com: connected`, `<group> (<state>):
   * <sentence>`, ` - Recommended action: Synchronize <device> to group <group>`.
   */
  readonly details: readonly string[];
}

/** A device group's sync state, as one read shows it. */
export interface GroupSyncState {
  readonly deviceGroup: string;
  /**
   * The group's state from its own detail line; else, when no detail line names it, the
   * device's status (`fromDevice`); `undefined` when the answer holds neither.
   */
  readonly status?: string;
  /** True when `status` is the device's status, not the group's own line. */
  readonly fromDevice: boolean;
  /** What the device says about it: the sentence after the group's state, else the summary. */
  readonly explanation?: string;
  /** The `Recommended action: ...` lines that name the group. */
  readonly recommendations: readonly string[];
  /** Devices the details show `disconnected`. */
  readonly disconnected: readonly string[];
}

/** Another unit of a device group than the one that answers. */
export interface GroupPeer {
  /** Its name in `cm/device`, e.g. `bigip-west-2.corp.example`. */
  readonly name: string;
  /** `active`, `standby`, ... */
  readonly failoverState?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `entries` of a stats answer, `{}` for anything else. */
function entriesOf(value: unknown): Record<string, unknown> {
  const nested = isObject(value) && isObject(value.nestedStats) ? value.nestedStats : value;
  return isObject(nested) && isObject(nested.entries) ? nested.entries : {};
}

function description(value: unknown): string | undefined {
  return isObject(value) && typeof value.description === "string" ? value.description : undefined;
}

/**
 * Reads `cm/sync-status`: one request. Its shape (F5Networks/f5-common-python
 * `device_group.py`, `sync_status_entry`; e-XpertSolutions/f5-rest-client `f5/health_check.go`
 * and the 14.1.4.6 answer in `f5/health_check_test.go`): one entry
 * `https://localhost/mgmt/tm/cm/sync-status/0` whose `nestedStats.entries` hold `color`, `mode`,
 * `status` and `summary` (`{ description }`), and `.../syncStatus/0/details`, whose entries
 * `.../details/<n>` each hold one line in `details.description`. Read as untrusted data: what is
 * missing or of another type counts as absent.
 */
export async function readSyncStatus(client: DeviceReader): Promise<SyncStatus> {
  return parseSyncStatus(await client.get("cm/sync-status"));
}

/** `parseSyncStatus` of an answer already read. */
export function parseSyncStatus(answer: unknown): SyncStatus {
  const all = isObject(answer) && isObject(answer.entries) ? answer.entries : {};
  // f5-ansible takes the one entry whatever its key (`entries.popitem()`).
  const fields = entriesOf(Object.values(all)[0]);
  const detailKey = Object.keys(fields).find((key) => /\/details$/.test(key));
  const numbered = Object.entries(detailKey === undefined ? {} : entriesOf(fields[detailKey]))
    .map(([key, value]) => ({
      index: Number(/\/(\d+)$/.exec(key)?.[1] ?? Number.MAX_SAFE_INTEGER),
      line: description(entriesOf(value).details),
    }))
    .filter((detail): detail is { index: number; line: string } => detail.line !== undefined)
    .sort((a, b) => a.index - b.index);
  return {
    status: description(fields.status),
    color: description(fields.color),
    summary: description(fields.summary),
    details: numbered.map((detail) => detail.line),
  };
}

/**
 * The state of one device group in a read. A group's detail line is `<group> (<state>):
 * <sentence>` (`dg_syncfailover (Changes Pending): There is a possible change conflict between
 * ...`, simonkowallik/tcl-smock README, a captured `show cm sync-status`; `datasync-global-dg (In
 * Sync): All devices in the device group are in sync`, f5-rest-client's 14.1.4.6 answer;
 * f5-rest-client takes the group name as the text before ` (`). A device line is `<device>:
 * connected` or `<device>: disconnected` (F5Networks/f5-cloud-libs `scripts/autoscale.js`,
 * getCmSyncStatus, splits it at `: `).
 */
export function groupSyncState(read: SyncStatus, deviceGroup: string): GroupSyncState {
  const names = new Set([deviceGroup, `/Common/${deviceGroup}`]);
  let own: RegExpExecArray | undefined;
  for (const line of read.details) {
    const match = /^\s*(.+?) \(([^()]+)\)(?::\s*(.*))?$/.exec(line);
    if (match && names.has(match[1].trim())) {
      own = match;
      break;
    }
  }
  const recommendations = read.details
    .map((line) => line.replace(/^[\s-]+/, ""))
    .filter((line) => /^Recommended action/i.test(line))
    .filter((line) => [...names].some((name) => line.endsWith(` to group ${name}`)));
  const disconnected = read.details.flatMap((line) => {
    const match = /^\s*([^\s:]+): disconnected\b/.exec(line);
    return match ? [match[1]] : [];
  });
  const explanation = own ? own[3]?.trim() || undefined : read.summary?.trim() || undefined;
  return {
    deviceGroup,
    status: own ? own[2].trim() : read.status,
    fromDevice: own === undefined,
    explanation,
    recommendations,
    disconnected,
  };
}

/**
 * The other units of a device group, with their failover state: the group's members
 * (`cm/device-group/<group>/devices`, the collection f5-ansible `bigip_device_group_member.py`
 * reads and writes; each item's `name` is the device's name) that are not the unit answering
 * (`cm/device`, `selfDevice` "true", as device-snapshot.ts reads it). Two requests; none found
 * (a missing group, an answer of another shape) is an empty list.
 */
export async function readGroupPeers(
  client: DeviceReader,
  deviceGroup: string,
): Promise<GroupPeer[]> {
  const [members, devices] = await Promise.all([
    client.get(`cm/device-group/${encodeURIComponent(deviceGroup)}/devices`, { $select: "name" }),
    client.get("cm/device", { $select: "name,selfDevice,failoverState" }),
  ]);
  const items = (answer: unknown) =>
    (isObject(answer) && Array.isArray(answer.items) ? answer.items : []).filter(isObject);
  const known = new Map(
    items(devices)
      .filter((device) => typeof device.name === "string")
      .map((device) => [device.name as string, device]),
  );
  return items(members)
    .map((member) => member.name)
    .filter((name): name is string => typeof name === "string")
    .filter((name) => known.get(name)?.selfDevice !== "true")
    .map((name) => {
      const state = known.get(name)?.failoverState;
      return typeof state === "string" ? { name, failoverState: state } : { name };
    });
}

/** How long and how often `waitForGroupSync` reads; the clock and the pause, for tests. */
export interface SyncWaitOptions {
  /** The longest wait in milliseconds; 0 reads once. */
  readonly timeoutMs: number;
  /** @default SYNC_POLL_INTERVAL_MS */
  readonly intervalMs?: number;
  /** @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  readonly now?: () => number;
  /** Ends the wait early (Ctrl-C): the pause stops and no further read is made. */
  readonly signal?: AbortSignal;
}

/** How a wait ended. */
export interface SyncWaitResult {
  readonly inSync: boolean;
  /** The last state read. */
  readonly last: GroupSyncState;
  /**
   * Why it stopped without "In Sync": the time ran out, a state that is not waited out, or the
   * signal.
   */
  readonly stopped?: "timeout" | "state" | "interrupted";
  /** Reads of `cm/sync-status` made. */
  readonly reads: number;
  readonly waitedMs: number;
}

/**
 * Reads the group's state until it is "In Sync" (at once, when it is), a state a running sync
 * does not pass through (`SYNC_RUNNING_STATES`: e.g. "Disconnected", at once, as f5-ansible
 * fails), or the time is up. One request per read.
 */
export async function waitForGroupSync(
  client: DeviceReader,
  deviceGroup: string,
  options: SyncWaitOptions,
): Promise<SyncWaitResult> {
  const { timeoutMs, intervalMs = SYNC_POLL_INTERVAL_MS, now = Date.now, signal } = options;
  const sleep = options.sleep ?? ((ms: number) => pause(ms, signal));
  const started = now();
  for (let reads = 1; ; reads += 1) {
    const last = groupSyncState(await readSyncStatus(client), deviceGroup);
    const waitedMs = now() - started;
    if (last.status === IN_SYNC) return { inSync: true, last, reads, waitedMs };
    if (last.status === undefined || !SYNC_RUNNING_STATES.includes(last.status)) {
      return { inSync: false, last, stopped: "state", reads, waitedMs };
    }
    if (waitedMs + intervalMs > timeoutMs) {
      return { inSync: false, last, stopped: "timeout", reads, waitedMs };
    }
    await sleep(intervalMs);
    if (signal?.aborted) {
      return { inSync: false, last, stopped: "interrupted", reads, waitedMs: now() - started };
    }
  }
}

/** `ms` milliseconds, or until `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // The listener goes with its pause: a wait of many reads would pile them up on one signal.
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal?.addEventListener("abort", stop, { once: true });
  });
}

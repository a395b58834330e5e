/**
 * Config sync on the fake BIG-IP: `run cm config-sync to-group <group>` (tmsh.ts) and what
 * `GET /mgmt/tm/cm/sync-status` shows afterwards, with the switches of a test.
 *
 * The command starts the sync and returns at once, with no output: "It only starts the sync and
 * does not wait for it to complete. The synchronization status must be check[ed] manually"
 * (e-XpertSolutions/f5-rest-client `f5/config-sync.go`, ConfigSync); F5's Ansible module then
 * polls `cm/sync-status` until "In Sync" (F5Networks/f5-ansible `bigip_configsync_action.py`,
 * `_wait_for_sync`), and "Not All Devices Synced" is the state a group shows "immediately after
 * starting the sync and stay[s in] until all devices finish" (its comment there).
 */
type Json = Record<string, unknown>;

/** Another unit of the trust domain: a member of every device group of the fake. */
export interface PeerDevice {
  readonly name: string;
  readonly failoverState: "active" | "standby";
}

/** The detail sentence after `<group> (<state>): `, by state. */
const EXPLANATIONS: Record<string, (self: string, peer: string) => string> = {
  // f5-rest-client `f5/health_check_test.go` (a 14.1.4.6 answer).
  "In Sync": () => "All devices in the device group are in sync",
  // simonkowallik/tcl-smock README (a captured `show cm sync-status field-fmt`).
  "Changes Pending": (self, peer) =>
    `There is a possible change conflict between ${peer} and ${self}.`,
  // Unconfirmed: no public answer shows the sentence of these states.
  "Not All Devices Synced": (_, peer) => `${peer} did not receive last sync successfully.`,
  "Awaiting Initial Sync": () => "The device group has not been synced yet.",
  Disconnected: (_, peer) => `${peer} is not connected.`,
};

/**
 * `color` by state: green for "In Sync", yellow for "Changes Pending" (F5's BIG-IP Device Service
 * Clustering: Administration 14.0.0, "Viewing config sync status for the local device"); blue for
 * "Disconnected" as tcl-smock's captured answer shows it; the others unconfirmed.
 */
const COLORS: Record<string, string> = {
  "In Sync": "green",
  "Changes Pending": "yellow",
  "Not All Devices Synced": "blue",
  "Awaiting Initial Sync": "blue",
  Disconnected: "blue",
};

/** The sync of each device group: its state, and what a sync in progress becomes. */
export class ConfigSyncState {
  /**
   * Switch: the state a group ends in after a config sync: "In Sync" (default), or another, e.g.
   * "Changes Pending" (a sync that did not reach the standby) or "Disconnected".
   */
  outcome = "In Sync";
  /**
   * Switch: reads of `cm/sync-status` that still show the sync running ("Not All Devices
   * Synced") after each config sync, before `outcome`. 0 (default): done at the next read. How
   * long a real sync takes is unconfirmed; tests choose.
   */
  readsWhileRunning = 0;
  /** The other units of the trust domain (default none: a device on its own). */
  readonly peers: PeerDevice[] = [];
  /** State by device group: a group never synced here is "In Sync" (unconfirmed). */
  private readonly groups = new Map<string, { state: string; running: number }>();

  /** `run cm config-sync to-group <group>`: the sync starts; the command returns at once. */
  started(group: string): void {
    this.groups.set(group, { state: this.outcome, running: this.readsWhileRunning });
  }

  /** A group's state as one read shows it (a read counts down a running sync). */
  private read(group: string): string {
    const sync = this.groups.get(group);
    if (!sync) return "In Sync";
    if (sync.running > 0) {
      sync.running -= 1;
      return "Not All Devices Synced";
    }
    return sync.state;
  }

  /**
   * `GET cm/sync-status` for a device named `self` with `groups`. The shape (stats, not a
   * collection): one entry `https://localhost/mgmt/tm/cm/sync-status/0` with `color`, `mode`,
   * `status`, `summary` and `.../syncStatus/0/details/<n>` lines (F5Networks/f5-common-python
   * `f5/multi_device/device_group.py`; f5-rest-client's 14.1.4.6 answer): first one line per
   * other unit, `<name>: connected` (f5-rest-client; F5Networks/f5-cloud-libs
   * `scripts/autoscale.js`), then `<group> (<state>): <sentence>` per group (f5-rest-client,
   * tcl-smock), and for "Changes Pending" ` - Recommended action: Synchronize <device> to group
   * <group>` (tcl-smock). `status` is the first group's that is not "In Sync", else "In Sync";
   * `mode` "high-availability" (f5-rest-client's answer). Without a device group: status
   * "Standalone", mode "standalone" (unconfirmed).
   */
  json(self: string, groups: readonly string[]): Json {
    const peer = this.peers[0]?.name ?? "(no peer)";
    const states = groups.map((group) => ({ group, state: this.read(group) }));
    const worst = states.find(({ state }) => state !== "In Sync");
    const lines = [
      ...this.peers.map(
        ({ name }) => `${name}: ${worst?.state === "Disconnected" ? "disconnected" : "connected"}`,
      ),
      ...states.flatMap(({ group, state }) => [
        `${group} (${state}): ${(EXPLANATIONS[state] ?? (() => "unconfirmed"))(self, peer)}`,
        ...(state === "Changes Pending"
          ? [` - Recommended action: Synchronize ${self} to group ${group}`]
          : []),
      ]),
    ];
    const status = groups.length === 0 ? "Standalone" : (worst?.state ?? "In Sync");
    const base = "https://localhost/mgmt/tm/cm/syncStatus/0/details";
    const field = (description: string) => ({ description });
    return {
      kind: "tm:cm:sync-status:sync-statusstats",
      selfLink: "https://localhost/mgmt/tm/cm/sync-status",
      entries: {
        "https://localhost/mgmt/tm/cm/sync-status/0": {
          nestedStats: {
            entries: {
              color: field(COLORS[status] ?? "green"),
              [base]: {
                nestedStats: {
                  entries: Object.fromEntries(
                    lines.map((line, index) => [
                      `${base}/${index}`,
                      { nestedStats: { entries: { details: field(line) } } },
                    ]),
                  ),
                },
              },
              mode: field(groups.length === 0 ? "standalone" : "high-availability"),
              status: field(status),
              summary: field(
                worst
                  ? (EXPLANATIONS[worst.state]?.(self, peer) ?? "")
                  : states.length > 0
                    ? EXPLANATIONS["In Sync"](self, peer)
                    : "",
              ),
            },
          },
        },
      },
    };
  }
}

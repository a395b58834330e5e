/**
 * A device group's sync state from `cm/sync-status`, and the wait for "In Sync" after a config
 * sync: on a fake clock (no real waiting), it ends at once on "In Sync" and on a state a running
 * sync does not pass through, reads every 3 s through the running states, and gives up when the
 * time is up.
 */
import { getEventListeners } from "node:events";
import type { IcontrolClient } from "../../lib/device/icontrol-client";
import {
  groupSyncState,
  parseSyncStatus,
  readGroupPeers,
  waitForGroupSync,
  type SyncStatus,
} from "../../lib/device/sync-status";

/** A `cm/sync-status` answer as the device writes it: the fields and the detail lines. */
function answer(fields: Record<string, string>, details: string[]): unknown {
  const base = "https://localhost/mgmt/tm/cm/syncStatus/0/details";
  return {
    kind: "tm:cm:sync-status:sync-statusstats",
    entries: {
      "https://localhost/mgmt/tm/cm/sync-status/0": {
        nestedStats: {
          entries: {
            ...Object.fromEntries(
              Object.entries(fields).map(([key, value]) => [key, { description: value }]),
            ),
            [base]: {
              nestedStats: {
                // Keys in another order than their numbers: the numbers order the lines.
                entries: Object.fromEntries(
                  details
                    .map((line, index) => [
                      `${base}/${index}`,
                      { nestedStats: { entries: { details: { description: line } } } },
                    ])
                    .reverse(),
                ),
              },
            },
          },
        },
      },
    },
  };
}

/** simonkowallik/tcl-smock README's captured Changes Pending, as REST shows it. */
const CHANGES_PENDING = answer(
  {
    color: "yellow",
    mode: "high-availability",
    status: "Changes Pending",
    summary:
      "There is a possible change conflict between bigip2.example.com and bigip1.example.com.",
  },
  [
    "bigip2.example.com: connected",
    "dg_syncfailover (Changes Pending): There is a possible change conflict between bigip2.example.com and bigip1.example.com.",
    " - Recommended action: Synchronize bigip1.example.com to group dg_syncfailover",
  ],
);

const state = (status: string) =>
  answer({ status }, [`dg_syncfailover (${status}): the device's sentence`]);

test("reads the status, color, summary and the detail lines in their order", () => {
  expect(parseSyncStatus(CHANGES_PENDING)).toEqual({
    status: "Changes Pending",
    color: "yellow",
    summary:
      "There is a possible change conflict between bigip2.example.com and bigip1.example.com.",
    details: [
      "bigip2.example.com: connected",
      "dg_syncfailover (Changes Pending): There is a possible change conflict between bigip2.example.com and bigip1.example.com.",
      " - Recommended action: Synchronize bigip1.example.com to group dg_syncfailover",
    ],
  });
});

test("a group's state is its own line's, with the recommendation that names it", () => {
  expect(groupSyncState(parseSyncStatus(CHANGES_PENDING), "dg_syncfailover")).toEqual({
    deviceGroup: "dg_syncfailover",
    status: "Changes Pending",
    fromDevice: false,
    explanation:
      "There is a possible change conflict between bigip2.example.com and bigip1.example.com.",
    recommendations: [
      "Recommended action: Synchronize bigip1.example.com to group dg_syncfailover",
    ],
    disconnected: [],
  });
});

test("another group's line counts for that group only; the device's status where no line names it", () => {
  // e-XpertSolutions/f5-rest-client's 14.1.4.6 answer: lines of other groups, and broken ones.
  const read = parseSyncStatus(
    answer({ status: "offline", summary: "All devices in the device group are in sync" }, [
      "i5800b-1.labo.e-xpertsolutions.lan: connected",
      " All devices in the device group are in sync",
      "In Sync): All devices in the device group are in sync",
      " (In Sync): All devices in the device group are in sync",
      "datasync-global-dg (In Sync): All devices in the device group are in sync",
      "Sync-Failover-Group (Not All Devices Synced): bigip2 did not receive last sync successfully.",
    ]),
  );
  expect(groupSyncState(read, "datasync-global-dg")).toMatchObject({
    status: "In Sync",
    fromDevice: false,
  });
  expect(groupSyncState(read, "Sync-Failover-Group")).toMatchObject({
    status: "Not All Devices Synced",
    explanation: "bigip2 did not receive last sync successfully.",
  });
  expect(groupSyncState(read, "other-group")).toMatchObject({
    status: "offline",
    fromDevice: true,
    explanation: "All devices in the device group are in sync",
  });
});

test("disconnected units are named", () => {
  const read = parseSyncStatus(
    answer({ status: "Disconnected" }, [
      "bigip1.example.com: disconnected",
      "bigip3.example.com: connected (for 3600 seconds)",
    ]),
  );
  expect(groupSyncState(read, "g").disconnected).toEqual(["bigip1.example.com"]);
});

test.each<[string, unknown]>([
  ["nothing", undefined],
  ["a list", []],
  ["entries of other types", { entries: { a: { nestedStats: { entries: { status: 7 } } } } }],
  [
    "details of other types",
    { entries: { a: { nestedStats: { entries: { "x/details": [1] } } } } },
  ],
])("an answer of %s reads as no status and no lines", (_, odd) => {
  const read = parseSyncStatus(odd);
  expect(read).toEqual<SyncStatus>({
    status: undefined,
    color: undefined,
    summary: undefined,
    details: [],
  });
  expect(groupSyncState(read, "g").status).toBeUndefined();
});

/** A client answering `cm/sync-status` with the next answer of `answers` (the last one stays). */
function syncClient(answers: unknown[]): { client: IcontrolClient; reads: () => number } {
  let reads = 0;
  const client = {
    get: async (path: string) => {
      expect(path).toBe("cm/sync-status");
      return answers[Math.min(reads++, answers.length - 1)];
    },
  } as unknown as IcontrolClient;
  return { client, reads: () => reads };
}

/** A clock that moves only when the wait sleeps. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let time = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      slept.push(ms);
      time += ms;
    },
    slept,
  };
}

describe("waitForGroupSync", () => {
  test("a wait of many reads with a signal leaves no listener on it", async () => {
    const { client, reads } = syncClient([state("Changes Pending")]);
    const interrupt = new AbortController();
    const result = await waitForGroupSync(client, "dg_syncfailover", {
      timeoutMs: 40,
      intervalMs: 1,
      signal: interrupt.signal,
    });
    expect(result.stopped).toBe("timeout");
    expect(reads()).toBeGreaterThan(2);
    expect(getEventListeners(interrupt.signal, "abort")).toHaveLength(0);
  });

  test("In Sync at the first read: one read, no pause", async () => {
    const { client, reads } = syncClient([state("In Sync")]);
    const clock = fakeClock();
    const result = await waitForGroupSync(client, "dg_syncfailover", {
      timeoutMs: 300_000,
      ...clock,
    });
    expect([result.inSync, result.reads, result.waitedMs, reads(), clock.slept]).toEqual([
      true,
      1,
      0,
      1,
      [],
    ]);
  });

  test("through the running states, every 3 s, until In Sync", async () => {
    const { client } = syncClient([
      state("Changes Pending"),
      state("Not All Devices Synced"),
      state("Syncing"),
      state("In Sync"),
    ]);
    const clock = fakeClock();
    const result = await waitForGroupSync(client, "dg_syncfailover", {
      timeoutMs: 300_000,
      ...clock,
    });
    expect(result).toMatchObject({ inSync: true, reads: 4, waitedMs: 9_000 });
    expect(result.stopped).toBeUndefined();
    expect(clock.slept).toEqual([3_000, 3_000, 3_000]);
  });

  test("gives up when the next read would come after the timeout, with the last state", async () => {
    const { client } = syncClient([CHANGES_PENDING]);
    const clock = fakeClock();
    const result = await waitForGroupSync(client, "dg_syncfailover", {
      timeoutMs: 10_000,
      ...clock,
    });
    // Reads at 0, 3, 6 and 9 s; the next would be at 12 s.
    expect(result).toMatchObject({
      inSync: false,
      stopped: "timeout",
      reads: 4,
      waitedMs: 9_000,
      last: { status: "Changes Pending", deviceGroup: "dg_syncfailover" },
    });
  });

  test("a timeout of 0 reads once", async () => {
    const { client, reads } = syncClient([state("Not All Devices Synced"), state("In Sync")]);
    const result = await waitForGroupSync(client, "dg_syncfailover", {
      timeoutMs: 0,
      ...fakeClock(),
    });
    expect([result.inSync, result.stopped, reads()]).toEqual([false, "timeout", 1]);
  });

  test.each(["Disconnected", "Sync Failure", "Standalone"])(
    "stops at once on %s, a state a running sync does not pass through",
    async (status) => {
      const { client } = syncClient([state(status), state("In Sync")]);
      const clock = fakeClock();
      const result = await waitForGroupSync(client, "dg_syncfailover", {
        timeoutMs: 300_000,
        ...clock,
      });
      expect(result).toMatchObject({ inSync: false, stopped: "state", reads: 1 });
      expect(result.last.status).toBe(status);
      expect(clock.slept).toEqual([]);
    },
  );

  test("an answer without a status stops at once", async () => {
    const { client } = syncClient([{}]);
    const result = await waitForGroupSync(client, "g", { timeoutMs: 300_000, ...fakeClock() });
    expect(result).toMatchObject({ inSync: false, stopped: "state", reads: 1 });
    expect(result.last.status).toBeUndefined();
  });

  test("the other interval given is used", async () => {
    const { client } = syncClient([state("Syncing"), state("In Sync")]);
    const clock = fakeClock();
    await waitForGroupSync(client, "dg_syncfailover", {
      timeoutMs: 60_000,
      intervalMs: 500,
      ...clock,
    });
    expect(clock.slept).toEqual([500]);
  });
});

test("the group's other units come from its members and cm/device, without the unit answering", async () => {
  const client = {
    get: async (path: string) =>
      path === "cm/device-group/Sync-Failover-Group/devices"
        ? { items: [{ name: "bigip1.example.com" }, { name: "bigip2.example.com" }, { name: 7 }] }
        : path === "cm/device"
          ? {
              items: [
                { name: "bigip1.example.com", selfDevice: "true", failoverState: "active" },
                { name: "bigip2.example.com", selfDevice: "false", failoverState: "standby" },
              ],
            }
          : undefined,
  } as unknown as IcontrolClient;
  expect(await readGroupPeers(client, "Sync-Failover-Group")).toEqual([
    { name: "bigip2.example.com", failoverState: "standby" },
  ]);
  const missing = { get: async () => undefined } as unknown as IcontrolClient;
  expect(await readGroupPeers(missing, "Sync-Failover-Group")).toEqual([]);
});

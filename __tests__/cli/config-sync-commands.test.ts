/**
 * The config-sync state of a stack's device group against the fake BIG-IP, as `sync-status`,
 * `doctor` and `audit` report it: In Sync is a line and exit 0; any other state names the group,
 * the state, what the device says, the standby, and what to do, with exit 1. Every session logs
 * out, also after a failed or interrupted wait.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { FakeBigip } from "../integration/fake-bigip/fake-bigip";
import { fakeTerraform, type FakeTerraform } from "../tools/fake-terraform";
import { runCliAsync } from "./run-cli";

let fake: FakeBigip;
let work: string;
const savedEnvironment = { ...process.env };
const savedListeners = process.listenerCount("SIGINT");
let terraform: FakeTerraform;
beforeAll(() => (terraform = fakeTerraform()));
afterAll(() => terraform.remove());

const GROUP = "Sync-Failover-Group";

/** An HA pair's inventory (bigip.configSync), or one without `configSync`. */
function inventory(configSync = true): string {
  return [
    "name: lab",
    "bigip:",
    "  vlans: [/Common/internal]",
    ...(configSync ? [`  configSync: { deviceGroup: ${GROUP} }`] : []),
    "entryPoints:",
    "  - name: lab",
    '    clientPrefix: "2001:db8:8000:1000::/59"',
    "    servers:",
    '      - { name: da-1, internalAddress: "2001:db8:10::11", clientPrefix: "2001:db8:8000:1000::/64" }',
    "",
  ].join("\n");
}

beforeEach(async () => {
  fake = await FakeBigip.start();
  fake.device.deviceGroups.add(GROUP);
  fake.device.sync.peers.push({ name: "bigip2.fake.example", failoverState: "standby" });
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-sync-"));
  writeFileSync(file(), inventory());
  Object.assign(process.env, {
    PATH: terraform.path,
    BIGIP_HOST: fake.host,
    BIGIP_USER: "admin",
    BIGIP_PASSWORD: "fake-password",
  });
  delete process.env.DA_MANAGE_OUT_SYNC_TIMEOUT;
});

afterEach(async () => {
  process.env = { ...savedEnvironment };
  rmSync(work, { recursive: true, force: true });
  await fake.stop();
});

const file = () => path.join(work, "lab.yaml");

/** A config sync that ends in `outcome`, as `run cm config-sync to-group` starts one. */
function syncEndingIn(outcome: string): void {
  fake.device.sync.outcome = outcome;
  fake.device.sync.started(GROUP);
}

/** Every request, token names replaced. */
const requests = () =>
  fake.requests.map(
    (request) => `${request.method} ${request.url.replace(/FAKETOKEN\d+/, "<token>")}`,
  );

const PENDING =
  "lab: device group Sync-Failover-Group is Changes Pending (There is a possible change conflict between bigip2.fake.example and bigip1.fake.example.); not in sync: bigip2.fake.example (standby)";
const PENDING_FIX =
  "the device says: Recommended action: Synchronize bigip1.fake.example to group Sync-Failover-Group; the changes have not reached the other unit: tmsh run cm config-sync to-group Sync-Failover-Group on the unit that holds the intended configuration (the active unit)";
const CONSEQUENCE =
  "Until the group is In Sync the other unit lacks the active unit's changes, and a failover loses them";

describe("sync-status", () => {
  test("In Sync: one line, exit 0; one read, then the token is returned", async () => {
    syncEndingIn("In Sync");
    const result = await runCliAsync("sync-status", file());
    expect([result.code, result.stdout]).toEqual([
      0,
      "ok       lab: device group Sync-Failover-Group is In Sync\n",
    ]);
    expect(requests()).toEqual([
      "POST /mgmt/shared/authn/login",
      "GET /mgmt/tm/cm/sync-status",
      "DELETE /mgmt/shared/authz/tokens/<token>",
    ]);
  });

  test("Changes Pending: group, state, what the device says, the standby and what to do; exit 1", async () => {
    syncEndingIn("Changes Pending");
    const result = await runCliAsync("sync-status", file());
    expect([result.code, result.stdout]).toEqual([
      1,
      `FAILED   ${PENDING}: ${PENDING_FIX}. ${CONSEQUENCE}\n`,
    ]);
    expect(fake.tokens.live()).toEqual([]);
  });

  test("--wait gives up after DA_MANAGE_OUT_SYNC_TIMEOUT, naming it; the token is returned", async () => {
    syncEndingIn("Changes Pending");
    process.env.DA_MANAGE_OUT_SYNC_TIMEOUT = "0s";
    const result = await runCliAsync("sync-status", "--wait", file());
    expect([result.code, result.stdout]).toEqual([
      1,
      `FAILED   lab: device group Sync-Failover-Group is not In Sync after 0s (DA_MANAGE_OUT_SYNC_TIMEOUT): its state is Changes Pending (There is a possible change conflict between bigip2.fake.example and bigip1.fake.example.); not in sync: bigip2.fake.example (standby): ${PENDING_FIX}; then confirm with npx da-manage-out sync-status --stack lab (--wait waits for it). ${CONSEQUENCE}\n`,
    ]);
    expect(result.stderr).toContain(
      `da-manage-out sync-status: lab: waiting up to 0s (DA_MANAGE_OUT_SYNC_TIMEOUT) for device group Sync-Failover-Group on ${fake.host} to be In Sync\n`,
    );
    expect(requests().at(-1)).toBe("DELETE /mgmt/shared/authz/tokens/<token>");
    expect(fake.tokens.live()).toEqual([]);
  });

  test("two stacks of one device group: one wait, a line for each stack", async () => {
    syncEndingIn("In Sync");
    // Two stacks of one device name it (bigip.host) and own objects of their own (namePrefix).
    const withHost = (text: string) => text.replace("bigip:\n", `bigip:\n  host: ${fake.host}\n`);
    writeFileSync(file(), withHost(inventory()));
    const second = withHost(inventory())
      .replace("name: lab", "name: lab2")
      .replace("bigip:\n", "bigip:\n  namePrefix: lab2\n")
      .replaceAll("2001:db8:8000:1000::", "2001:db8:8000:2000::")
      .replace("2001:db8:10::11", "2001:db8:10::12");
    writeFileSync(path.join(work, "lab2.yaml"), second);
    const result = await runCliAsync("sync-status", "--wait", work);
    expect([result.code, result.stdout]).toEqual([
      0,
      "ok       lab: device group Sync-Failover-Group is In Sync\n" +
        "ok       lab2: device group Sync-Failover-Group is In Sync\n",
    ]);
    expect(result.stderr).toContain("da-manage-out sync-status: lab, lab2: waiting up to 5m");
    expect(requests().filter((request) => request.endsWith("cm/sync-status"))).toHaveLength(1);
  });

  test("--wait ends at once on Disconnected, naming the unit that is not connected", async () => {
    syncEndingIn("Disconnected");
    const result = await runCliAsync("sync-status", "--wait", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `FAILED   lab: device group Sync-Failover-Group is not In Sync: its state is Disconnected (bigip2.fake.example is not connected.); not in sync: bigip2.fake.example (standby, disconnected): the units do not reach each other ("resolve any communication problems before attempting to sync", f5-ansible bigip_configsync_action): check their ConfigSync addresses and the network between them (tmsh show cm sync-status lists each unit connected or disconnected), then tmsh run cm config-sync to-group Sync-Failover-Group on the unit that holds the intended configuration (the active unit); then confirm with npx da-manage-out sync-status --stack lab (--wait waits for it). ${CONSEQUENCE}\n`,
    );
    expect(requests().filter((request) => request.endsWith("/cm/sync-status"))).toHaveLength(1);
  });

  test("Ctrl-C ends a wait: the last state is said, and the token is returned", async () => {
    fake.device.sync.readsWhileRunning = 1000;
    fake.device.sync.started(GROUP);
    const running = runCliAsync("sync-status", "--wait", file());
    while (!requests().includes("GET /mgmt/tm/cm/sync-status")) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    process.emit("SIGINT");
    const result = await running;
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^FAILED {3}lab: device group Sync-Failover-Group is not In Sync \(the wait was interrupted\): its state is Not All Devices Synced \(bigip2\.fake\.example did not receive last sync successfully\.\); not in sync: bigip2\.fake\.example \(standby\): a sync is running/,
    );
    expect(requests().at(-1)).toBe("DELETE /mgmt/shared/authz/tokens/<token>");
    expect(process.listenerCount("SIGINT")).toBe(savedListeners);
  });

  test("no stack with bigip.configSync: said, exit 0, nothing sent", async () => {
    writeFileSync(file(), inventory(false));
    expect(await runCliAsync("sync-status", "--wait", file())).toEqual({
      code: 0,
      stdout: "",
      stderr:
        "da-manage-out sync-status: no config sync to read: no stack of these sets bigip.configSync\n",
    });
    expect(fake.requests).toEqual([]);
  });

  test("a DA_MANAGE_OUT_SYNC_TIMEOUT that is not a duration is a usage error before anything runs", async () => {
    process.env.DA_MANAGE_OUT_SYNC_TIMEOUT = "300";
    expect(await runCliAsync("sync-status", "--wait", file())).toEqual({
      code: 2,
      stdout: "",
      stderr: `da-manage-out sync-status: DA_MANAGE_OUT_SYNC_TIMEOUT is '300', not a duration: a number needs a unit (ns, us, ms, s, m, h); write one such as 90s, 5m or 1h (0 reads the sync status once)\n`,
    });
    expect(fake.requests).toEqual([]);
  });
});

describe("doctor", () => {
  test("reports the group In Sync", async () => {
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "ok       lab: device group Sync-Failover-Group exists\nok       lab: device group Sync-Failover-Group is In Sync\n",
    );
  });

  test("a group not In Sync fails, with its state and the standby", async () => {
    syncEndingIn("Changes Pending");
    const result = await runCliAsync("doctor", file());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAILED   ${PENDING}: ${PENDING_FIX}. ${CONSEQUENCE}\n`);
  });

  test("a missing group has its line only", async () => {
    fake.device.deviceGroups.delete(GROUP);
    const result = await runCliAsync("doctor", file());
    expect(result.stdout).toContain("FAILED   lab: device group Sync-Failover-Group is missing");
    expect(result.stdout).not.toContain("In Sync");
    expect(requests()).not.toContain("GET /mgmt/tm/cm/sync-status");
  });
});

describe("audit", () => {
  test("names the group In Sync on stderr", async () => {
    const result = await runCliAsync("audit", file());
    expect(result.stderr).toContain(
      "da-manage-out audit: lab: device group Sync-Failover-Group is In Sync\n",
    );
    expect(result.stdout).not.toContain("Sync-Failover-Group");
  });

  test("a group not In Sync is a line and exit 1, and in the JSON report", async () => {
    syncEndingIn("Changes Pending");
    const result = await runCliAsync("audit", file());
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toContain(`${PENDING}: ${PENDING_FIX}. ${CONSEQUENCE}`);
    const json = JSON.parse((await runCliAsync("audit", file(), "--format", "json")).stdout) as {
      sync: unknown[];
    };
    expect(json.sync).toEqual([
      {
        stack: "lab",
        deviceGroup: GROUP,
        ok: false,
        what: PENDING,
        fix: `${PENDING_FIX}. ${CONSEQUENCE}`,
      },
    ]);
  });

  test("without bigip.configSync, no sync status is read", async () => {
    writeFileSync(file(), inventory(false));
    await runCliAsync("audit", file());
    expect(requests()).not.toContain("GET /mgmt/tm/cm/sync-status");
  });
});

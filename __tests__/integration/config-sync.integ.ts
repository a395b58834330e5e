/**
 * The config sync of an HA pair, confirmed: with real Terraform and the real provider, the
 * documented `npm run deploy` (and `npm run destroy`) of a stack with `bigip.configSync` runs the
 * sync, then waits for the device group to be In Sync (cm/sync-status on the fake BIG-IP, whose
 * sync ends after the command returned), and exits non-zero naming the group, its state and the
 * standby when the group stays "Changes Pending". The wait's token is returned. Skipped, with a
 * line saying why, where the provider cannot be installed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { describeWithProvider } from "./harness/provider";
import { type CommandResult, Workspace } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
afterAll(() => rmSync(pluginCacheDir, { recursive: true, force: true }));

const GROUP = "Sync-Failover-Group";

/** One DA server on an HA pair whose group is GROUP. */
const INVENTORY = `name: lab
bigip: { vlans: [/Common/internal], configSync: { deviceGroup: ${GROUP} } }
entryPoints:
  - name: lab
    clientPrefix: "2001:db8:8000:1000::/64"
    servers: [{ name: da-1, internalAddress: "2001:db8:10::11" }]
`;

let fake: FakeBigip;
let workspace: Workspace;

beforeEach(async () => {
  fake = await startSecureFake();
  fake.device.deviceGroups.add(GROUP);
  fake.device.sync.peers.push({ name: "bigip2.fake.example", failoverState: "standby" });
  // Each sync is still running at the first read: the deploy waits one interval (3 s).
  fake.device.sync.readsWhileRunning = 1;
  workspace = new Workspace({
    bigipHost: fake.host,
    pluginCacheDir,
    environment: { DA_MANAGE_OUT_SYNC_TIMEOUT: "8s" },
  });
  workspace.writeInventory("lab.yaml", INVENTORY);
});

afterEach(async () => {
  workspace?.dispose();
  await fake?.stop();
});

/** The run's exit code, and its output when the code is not the one expected. */
function outcome(result: CommandResult, expected: number): [number | null, string] {
  return [result.status, result.status === expected ? "" : result.output.slice(-6000)];
}

/** The sync-status reads after the last config sync, and whether its session logged out last. */
function waitRequests(): { reads: number; loggedOut: boolean } {
  const syncs = fake.requests.flatMap((request, index) =>
    request.url === "/mgmt/tm/util/bash" && request.method === "POST" ? [index] : [],
  );
  const lastSync = syncs.at(-1) ?? -1;
  const after = fake.requests.slice(lastSync + 1);
  return {
    reads: after.filter((request) => request.url === "/mgmt/tm/cm/sync-status").length,
    loggedOut:
      /^\/mgmt\/shared\/authz\/tokens\//.test(after.at(-1)?.url ?? "") &&
      after.at(-1)?.method === "DELETE",
  };
}

describeWithProvider(pluginCacheDir)("config sync, confirmed by the deploy", () => {
  test("a sync that ends In Sync passes: deploy and destroy wait for it, then exit 0", async () => {
    const deployed = await workspace.deployScript("deploy", "lab");
    expect(outcome(deployed, 0)).toEqual([0, ""]);
    expect(deployed.output).toContain("da-manage-out deploy: lab: converged");
    expect(deployed.output).toContain(
      `da-manage-out sync-status: lab: waiting up to 8s (DA_MANAGE_OUT_SYNC_TIMEOUT) for device group ${GROUP}`,
    );
    expect(deployed.output).toContain(`ok       lab: device group ${GROUP} is In Sync\n`);
    expect(fake.device.configSyncs).toEqual([GROUP]);
    // Running at the first read, In Sync at the second; the wait's token returned last.
    expect(waitRequests()).toEqual({ reads: 2, loggedOut: true });

    const destroyed = await workspace.deployScript("destroy", "lab");
    expect(outcome(destroyed, 0)).toEqual([0, ""]);
    expect(destroyed.output).toContain(`ok       lab: device group ${GROUP} is In Sync\n`);
    // The destroy synced once more, before the server's objects went.
    expect(fake.device.configSyncs).toEqual([GROUP, GROUP]);
    expect(waitRequests()).toEqual({ reads: 2, loggedOut: true });
  });

  test("a sync that ends Changes Pending fails the deploy and the destroy, naming group, state and standby", async () => {
    fake.device.sync.outcome = "Changes Pending";
    const deployed = await workspace.deployScript("deploy", "lab");
    expect(outcome(deployed, 1)).toEqual([1, ""]);
    // Terraform applied it; the group did not confirm it.
    expect(deployed.output).toContain("da-manage-out deploy: lab: converged");
    expect(deployed.output).toContain(
      `FAILED   lab: device group ${GROUP} is not In Sync after 8s (DA_MANAGE_OUT_SYNC_TIMEOUT): its state is Changes Pending (There is a possible change conflict between bigip2.fake.example and bigip1.fake.example.); not in sync: bigip2.fake.example (standby): the device says: Recommended action: Synchronize bigip1.fake.example to group ${GROUP}; the changes have not reached the other unit: tmsh run cm config-sync to-group ${GROUP} on the unit that holds the intended configuration (the active unit); then confirm with npx da-manage-out sync-status --stack lab (--wait waits for it).`,
    );
    expect(deployed.output).toContain(
      "da-manage-out: the deploy is applied on the device, but not confirmed on its HA peer: a device group is not In Sync (see above)\n",
    );
    // Reads 3 s apart while the 8 s last: at 0 (running), 3 and 6 s.
    expect(waitRequests()).toEqual({ reads: 3, loggedOut: true });

    const destroyed = await workspace.deployScript("destroy", "lab");
    expect(outcome(destroyed, 1)).toEqual([1, ""]);
    expect(destroyed.output).toContain("da-manage-out destroy: lab: destroyed");
    expect(destroyed.output).toContain(
      `FAILED   lab: device group ${GROUP} is not In Sync after 8s (DA_MANAGE_OUT_SYNC_TIMEOUT): its state is Changes Pending`,
    );
    expect(destroyed.output).toContain(
      "da-manage-out: the destroy is applied on the device, but not confirmed on its HA peer",
    );
  });
});

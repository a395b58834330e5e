/**
 * The account's role, with real Terraform and the real F5Networks/bigip provider against the fake
 * BIG-IP (its partitionAccess switch, fake-bigip/account.ts): doctor fails a Manager-role account
 * before anything is written, naming the role it found and the one needed, and passes an
 * Administrator; without doctor the provider writes the pools and virtual servers and then fails at
 * util/bash, or (a Manager of one partition) cannot plan at all. Run with
 * `npm run test:integration`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { PartitionAccess } from "./fake-bigip/account";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { objectNames } from "./harness/device-view";
import { labInventory } from "./harness/lab-inventory";
import { describeWithProvider } from "./harness/provider";
import { Workspace } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
afterAll(() => rmSync(pluginCacheDir, { recursive: true, force: true }));

let fake: FakeBigip;
let workspace: Workspace;

afterEach(async () => {
  workspace?.dispose();
  await fake?.stop();
});

/** A fake whose one account, automation, has the given roles; a workspace logging in as it. */
async function scenario(partitionAccess: readonly PartitionAccess[]): Promise<string> {
  fake = await startSecureFake({
    username: "automation",
    password: "automation-password",
    partitionAccess,
  });
  fake.device.routeDomains.add(2);
  fake.device.selfIps.set("/Common/internal-6", {
    address: "2001:db8:10::fe%2/64",
    vlan: "/Common/internal",
  });
  workspace = new Workspace({
    bigipHost: fake.host,
    pluginCacheDir,
    environment: { BIGIP_USER: "automation", BIGIP_PASSWORD: "automation-password" },
  });
  // In a route domain: the stack's settings command runs through util/bash at apply.
  workspace.writeInventory("lab.yaml", labInventory("  routeDomain: 2"));
  return path.join(workspace.inventories, "lab.yaml");
}

/** Requests below /mgmt/tm/ that change something. */
const writes = () =>
  fake.requests.filter(
    (request) => request.method !== "GET" && request.url.startsWith("/mgmt/tm/"),
  );

describeWithProvider(pluginCacheDir)("the account's role", () => {
  test("a Manager-role account: doctor fails before any write; the provider would stop half-applied", async () => {
    const file = await scenario([{ name: "all-partitions", role: "manager" }]);
    const doctor = await workspace.daManageOut("doctor", file);
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain(
      'FAILED   lab: user automation has all-partitions: manager; the stacks need Administrator (role admin on all-partitions): they run tmsh through /mgmt/tm/util/bash (node cleanup on destroy, mask and route-domain settings, config sync), which the device refuses to other roles (HTTP 400 "bash" unexpected argument): a deploy or destroy would stop half-applied: give it Administrator (role admin on all-partitions) (tmsh modify auth user automation partition-access replace-all-with { all-partitions { role admin } }), or deploy with an account that has it\n',
    );
    expect(writes()).toEqual([]);
    expect(objectNames(fake.device)).toEqual({ pools: [], virtualServers: [] });

    // What doctor prevents: the provider writes pool, member and virtual server, then fails.
    const applied = await workspace.applyFailing("lab");
    expect(applied).toContain('error retrieving Command Result: "bash" unexpected argument');
    expect(objectNames(fake.device)).toEqual({
      pools: ["/Common/da_mo_lab_da-1_pool"],
      virtualServers: ["/Common/da_mo_lab_da-1_vs"],
    });
  });

  test("a Manager of one partition: doctor fails on net/self too; the provider cannot plan", async () => {
    const file = await scenario([{ name: "Common", role: "manager" }]);
    const doctor = await workspace.daManageOut("doctor", file);
    expect(doctor.status).toBe(1);
    expect(doctor.output).toContain("FAILED   lab: user automation has Common: manager; ");
    expect(doctor.output).toContain(
      "FAILED   lab: user automation cannot read net/self (GET /mgmt/tm/net/self answered HTTP 401: Authorization failed: user=https://localhost/mgmt/shared/authz/users/automation resource=/mgmt/tm/net/self verb=GET",
    );
    expect(writes()).toEqual([]);
    await workspace.synth();
    const plan = await workspace.terraform("lab", "plan", "-input=false");
    expect([plan.status, plan.output]).toEqual([
      1,
      expect.stringContaining(
        "Error: Authorization failed: user=https://localhost/mgmt/shared/authz/users/automation resource=/mgmt/tm/net/self verb=GET",
      ),
    ]);
  });

  test("an Administrator passes doctor with nothing to warn about, and deploys clean", async () => {
    const file = await scenario([{ name: "all-partitions", role: "admin" }]);
    const doctor = await workspace.daManageOut("doctor", file);
    expect([doctor.status, doctor.output]).toEqual([
      0,
      expect.stringContaining(
        "ok       lab: user automation is admin on all-partitions: it runs tmsh through util/bash, reads net/self and writes in /Common\n",
      ),
    ]);
    expect(doctor.output).not.toMatch(/^(FAILED|WARNING)/m);
    expect(writes()).toEqual([]);
    await workspace.apply("lab");
    expect(await workspace.planChanges("lab")).toBeUndefined();
  });
});

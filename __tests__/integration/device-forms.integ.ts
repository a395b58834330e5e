/**
 * What the real F5Networks/bigip provider (1.28.0) does with each form the device may show, against
 * the fake's switches (fake-bigip/device-state.ts): an IPv6 port 0 shown as `.any`, and a
 * partition's default route domain shown as `%<id>`. Where it cannot cope, doctor says so from what
 * the device holds; audit and recover read either form. docs/operator-tools.md#forms-the-device-shows
 * reports these outcomes. Run with `npm run test:integration`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { objectNames, virtualServers } from "./harness/device-view";
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

/** A fake seeded by `seed`, a workspace with stack lab (one DA server, the given bigip lines). */
async function scenario(
  seed: (device: FakeBigip["device"]) => void,
  bigip: string,
): Promise<string> {
  fake = await startSecureFake();
  fake.device.selfIps.set("/Common/internal-6", {
    address: "2001:db8:10::fe/64",
    vlan: "/Common/internal",
  });
  seed(fake.device);
  workspace = new Workspace({ bigipHost: fake.host, pluginCacheDir });
  writeLab(bigip);
  return path.join(workspace.inventories, "lab.yaml");
}

function writeLab(bigip: string): void {
  workspace.writeInventory("lab.yaml", labInventory(bigip));
}

/**
 * The deploy writes the member as `written` and the device shows it as `shown`: the provider does
 * not find it after the POST, and the next deploy's POST finds it there.
 */
async function expectMemberLost(written: string, shown: string): Promise<void> {
  const pool = "/DA/da_mo_lab_da-1_pool";
  expect(await workspace.applyFailing("lab")).toContain(
    `Error: failure adding node ${written}.0 to pool ${pool}: 01020036:3: The requested Pool Member (${pool} ${written}:0) was not found.`,
  );
  expect(await workspace.applyFailing("lab")).toContain(
    `01020066:3: The requested Pool Member (${pool} ${shown} 0) already exists.`,
  );
}

/** Partition DA with default route domain 2, shown as %2 on its addresses. */
function partitionShowingItsRouteDomain(device: FakeBigip["device"]): void {
  device.partitions.add("DA");
  device.routeDomains.add(2);
  device.partitionRouteDomains.set("DA", 2);
  device.defaultRouteDomainShown = true;
  device.selfIps.set("/DA/internal-6", {
    address: "2001:db8:10::fe%2/64",
    vlan: "/Common/internal",
  });
}

describeWithProvider(pluginCacheDir)("forms the device shows, with the real provider", () => {
  test.each([
    ["", "/Common/2001:db8:8000:1000::.any"],
    ["  routeDomain: 2", "/Common/2001:db8:8000:1000::%2.any"],
  ])(
    "port 0 shown as .any (%j): the deploy fails once the virtual server exists, every plan after it; doctor names it; audit reads it",
    async (bigip, destination) => {
      const file = await scenario((device) => {
        device.anyPortShown = true;
        device.routeDomains.add(2);
      }, bigip);
      const unreadable = `Error: unable to extract destination address and port from virtual server destination: ${destination}`;
      expect(await workspace.applyFailing("lab")).toContain(unreadable);
      const plan = await workspace.terraform("lab", "plan", "-input=false");
      expect([plan.status, plan.output]).toEqual([1, expect.stringContaining(unreadable)]);
      const doctor = await workspace.daManageOut("doctor", file);
      expect([doctor.status, doctor.output]).toEqual([
        1,
        expect.stringContaining(
          `FAILED   lab: the device shows an IPv6 virtual server's port 0 as .any (/Common/da_mo_lab_da-1_vs: ${destination}); the F5Networks/bigip provider cannot read that form`,
        ),
      ]);
      const audit = await workspace.daManageOut("audit", file);
      expect([audit.status, audit.output]).toEqual([
        0,
        expect.stringContaining("the device matches the inventories"),
      ]);
    },
  );

  test("a partition's default route domain left out (the usual form): with bigip.routeDomain 2 the member is lost, as doctor says", async () => {
    const file = await scenario((device) => {
      device.partitions.add("DA");
      device.routeDomains.add(2);
      device.partitionRouteDomains.set("DA", 2);
    }, "  partition: DA\n  routeDomain: 2");
    const doctor = await workspace.daManageOut("doctor", file);
    expect([doctor.status, doctor.output]).toEqual([
      1,
      expect.stringContaining(
        "FAILED   lab: partition /DA has default route domain 2, and bigip.routeDomain is 2: the device shows its addresses without %2",
      ),
    ]);
    await expectMemberLost("2001:db8:10::11%2", "2001:db8:10::11");
  });

  test("a partition's default route domain shown as %2: without bigip.routeDomain the member is lost; doctor says to set it; recover and a deploy with it converge", async () => {
    const file = await scenario(partitionShowingItsRouteDomain, "  partition: DA");
    const doctorBefore = await workspace.daManageOut("doctor", file);
    // Nothing in /DA yet to tell which form the device uses: the usual one is assumed.
    expect([doctorBefore.status, doctorBefore.output]).toEqual([
      0,
      expect.stringContaining(
        "ok       lab: partition /DA has default route domain 2: the objects go there, shown without %2\n",
      ),
    ]);
    await expectMemberLost("2001:db8:10::11", "2001:db8:10::11%2");

    const doctor = await workspace.daManageOut("doctor", file);
    expect([doctor.status, doctor.output]).toEqual([
      1,
      expect.stringContaining(
        'FAILED   lab: partition /DA has default route domain 2, and the device shows it as %2 (node /DA/2001:db8:10::11%2 (2001:db8:10::11%2)): without bigip.routeDomain the stack writes its members without %2, and the provider would not find them again (the deploy fails with "The requested Pool Member ... was not found"): set bigip.routeDomain: 2, so that the stack writes %2 as the device shows it\n',
      ),
    ]);
    writeLab("  partition: DA\n  routeDomain: 2");
    expect((await workspace.daManageOut("doctor", file)).status).toBe(0);
    await workspace.synth();
    const recover = await workspace.daManageOutHere("recover", "lab", "--apply");
    expect([recover.status, recover.output]).toEqual([
      0,
      expect.stringContaining(
        "delete pool member /DA/da_mo_lab_da-1_pool member 2001:db8:10::11%2.0: lab/da-1: on the device, not in the state",
      ),
    ]);
    await workspace.apply("lab");
    expect(await workspace.planChanges("lab")).toBeUndefined();
    expect(virtualServers(fake.device)["/DA/da_mo_lab_da-1_vs"]).toMatchObject({
      destination: "2001:db8:8000:1000::%2/64",
      members: ["2001:db8:10::11%2.0"],
    });
    const audit = await workspace.daManageOut("audit", file);
    expect([audit.status, audit.output]).toEqual([
      0,
      expect.stringContaining("the device matches the inventories"),
    ]);
    await workspace.destroy("lab");
    expect(objectNames(fake.device)).toEqual({ pools: [], virtualServers: [] });
  });
});

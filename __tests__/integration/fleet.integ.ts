/**
 * A fleet: two BIG-IPs (two fakes on two ports, with different passwords) and two inventories
 * naming them, deployed in one run with real Terraform, the real provider and the real cdktf CLI
 * through the documented `npm run deploy`. Then runs that do not finish: terraform killed in the
 * middle of a deploy and of a destroy, the documented path failing, and `recover` bringing the
 * device and the state back together. Skipped, with a line saying why, without the provider.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { describeWithProvider } from "./harness/provider";
import { destinations, objectNames } from "./harness/device-view";
import { killTerraform, waitUntil } from "./harness/processes";
import { Workspace, type CommandResult } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
afterAll(() => rmSync(pluginCacheDir, { recursive: true, force: true }));

const fakes: FakeBigip[] = [];
let workspace: Workspace | undefined;
afterEach(async () => {
  workspace?.dispose();
  workspace = undefined;
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
});

async function startFake(name: string, password: string): Promise<FakeBigip> {
  const fake = await startSecureFake({ username: "automation", password });
  fake.device.hostname = `${name}.fake.example`;
  fakes.push(fake);
  return fake;
}

/** A workspace whose login is the fake's, with BIGIP_HOST unset: the inventory names the device. */
function workspaceFor(fake: FakeBigip, password: string): Workspace {
  return new Workspace({
    bigipHost: fake.host,
    pluginCacheDir,
    environment: { BIGIP_HOST: undefined, BIGIP_USER: "automation", BIGIP_PASSWORD: password },
  });
}

/** An inventory of one site: `servers` DA servers, each in its own /64 of the site's /59. */
function siteInventory(options: {
  name: string;
  host: string;
  site: number;
  servers: number;
  credentials?: string;
}): string {
  const servers = Array.from({ length: options.servers }, (_, i) =>
    [
      `      - name: da-${options.name}-${i + 1}`,
      `        internalAddress: "2001:db8:${options.site}0::${(i + 1).toString(16)}"`,
      `        clientPrefix: "2001:db8:8000:${options.site}00${i.toString(16)}::/64"`,
    ].join("\n"),
  );
  return [
    `name: ${options.name}`,
    "bigip:",
    `  host: "${options.host}"`,
    ...(options.credentials ? [`  credentials: ${options.credentials}`] : []),
    "  vlans: [/Common/internal]",
    "entryPoints:",
    `  - name: ${options.name}`,
    `    clientPrefix: "2001:db8:8000:${options.site}000::/59"`,
    "    servers:",
    ...servers,
    "",
  ].join("\n");
}

function expectExit(result: CommandResult, status: number, what: string): string {
  expect([what, result.status, result.status === status ? "" : result.output.slice(-4000)]).toEqual(
    [what, status, ""],
  );
  return result.output;
}

describeWithProvider(pluginCacheDir)("a fleet of devices, and runs that do not finish", () => {
  test("one deploy of two stacks puts each on its own device, whatever BIGIP_HOST says", async () => {
    const east = await startFake("east", "east-secret");
    const west = await startFake("west", "west-secret");
    const decoy = await startFake("decoy", "decoy-secret");
    for (const bigipHost of [undefined, decoy.host]) {
      workspace?.dispose();
      workspace = new Workspace({
        bigipHost: decoy.host,
        pluginCacheDir,
        environment: {
          BIGIP_HOST: bigipHost,
          BIGIP_USER: "automation",
          BIGIP_PASSWORD: "east-secret",
          TF_VAR_bigip_west_user: "automation",
          TF_VAR_bigip_west_password: "west-secret",
        },
      });
      workspace.writeInventory(
        "east.yaml",
        siteInventory({ name: "east", host: east.host, site: 1, servers: 2 }),
      );
      workspace.writeInventory(
        "west.yaml",
        siteInventory({
          name: "west",
          host: west.host,
          site: 2,
          servers: 3,
          credentials: "{ userVariable: bigip_west_user, passwordVariable: bigip_west_password }",
        }),
      );
      const deploy = expectExit(
        await workspace.deployScript("deploy", "east", "west"),
        0,
        `deploy with BIGIP_HOST ${bigipHost ?? "unset"}`,
      );
      expect(deploy).toContain("east: converged");
      expect(deploy).toContain("west: converged");
      expect(deploy).not.toContain("west-secret");
      expect(objectNames(east.device).virtualServers).toEqual([
        "/Common/da_mo_east_da-east-1_vs",
        "/Common/da_mo_east_da-east-2_vs",
      ]);
      expect(objectNames(west.device).virtualServers).toEqual([
        "/Common/da_mo_west_da-west-1_vs",
        "/Common/da_mo_west_da-west-2_vs",
        "/Common/da_mo_west_da-west-3_vs",
      ]);
      expect(destinations(west.device)["/Common/da_mo_west_da-west-3_vs"]).toBe(
        "2001:db8:8000:2002::/64",
      );
      expect(objectNames(decoy.device)).toEqual({ pools: [], virtualServers: [] });
      expect(decoy.requests).toEqual([]);
      // No secret in the synthesized configuration or in the state.
      for (const stack of ["east", "west"]) {
        const synthesized = readFileSync(
          path.join(workspace.stackDirectory(stack), "cdk.tf.json"),
          "utf8",
        );
        expect(synthesized).not.toMatch(/east-secret|west-secret/);
        const state = readFileSync(path.join(workspace.root, `terraform.${stack}.tfstate`), "utf8");
        expect(state).not.toMatch(/east-secret|west-secret/);
      }

      // doctor and audit: each inventory against its own device, named with its host name.
      const doctor = expectExit(await workspace.daManageOutHere("doctor"), 0, "doctor");
      expect(doctor).toContain(`east → ${east.host}: device east.fake.example, active`);
      expect(doctor).toContain(`west → ${west.host}: device west.fake.example, active`);
      const audit = expectExit(
        await workspace.daManageOutHere("audit", "--format", "json"),
        0,
        "audit",
      );
      const report = JSON.parse(audit.slice(audit.indexOf("{"))) as {
        devices: { url: string; stacks: string[]; hostname: string }[];
        drift: unknown[];
      };
      expect(report.devices).toEqual([
        {
          url: east.host,
          stacks: ["east"],
          hostname: "east.fake.example",
          failoverState: "active",
        },
        {
          url: west.host,
          stacks: ["west"],
          hostname: "west.fake.example",
          failoverState: "active",
        },
      ]);
      expect(report.drift).toEqual([]);

      // Destroy both, for the next round.
      expectExit(await workspace.deployScript("destroy", "east", "west"), 0, "destroy");
      expect(objectNames(east.device)).toEqual({ pools: [], virtualServers: [] });
      expect(objectNames(west.device)).toEqual({ pools: [], virtualServers: [] });
    }
  });

  test("doctor refuses the standby unit and a device with another host name", async () => {
    const east = await startFake("east", "east-secret");
    east.device.failoverState = "standby";
    workspace = workspaceFor(east, "east-secret");
    workspace.writeInventory(
      "east.yaml",
      siteInventory({ name: "east", host: east.host, site: 1, servers: 1 }).replace(
        "bigip:\n",
        "bigip:\n  deviceHostname: bigip-east-1.corp.example\n",
      ),
    );
    const doctor = expectExit(await workspace.daManageOutHere("doctor"), 1, "doctor");
    expect(doctor).toContain(
      `FAILED   east: the device at ${east.host} is east.fake.example, not bigip-east-1.corp.example`,
    );
    expect(doctor).toContain(`FAILED   east: the device at ${east.host} is the standby unit`);
  });

  test("a deploy killed mid-apply fails the documented path; recover and a deploy converge", async () => {
    const lab = await startFake("lab", "lab-secret");
    workspace = workspaceFor(lab, "lab-secret");
    const inventory = siteInventory({ name: "lab", host: lab.host, site: 3, servers: 4 });
    workspace.writeInventory("lab.yaml", inventory);

    lab.writeDelayMs = 250;
    const deploy = workspace.startDeployScript("deploy", "lab");
    // Killed once the first virtual servers exist: pools, members and virtual servers are on the
    // device, and the state knows none of them.
    await waitUntil(() => lab.device.virtualServers.size >= 2);
    expect(killTerraform(deploy.child.pid!)).toBeGreaterThan(0);
    const interrupted = await deploy.result;
    expect(interrupted.status).not.toBe(0);
    expect(interrupted.output).toMatch(/NOT converged|did not finish|exited/);
    lab.writeDelayMs = 0;
    const leftOver = objectNames(lab.device);
    expect(leftOver.virtualServers.length).toBeGreaterThanOrEqual(2);

    // The first deploy: its state may hold nothing yet, which recover is told with --empty-state.
    const dryRun = expectExit(
      await workspace.daManageOutHere("recover", "lab", "--empty-state"),
      0,
      "recover",
    );
    expect(dryRun).toContain("dry run: nothing changed");
    expect(objectNames(lab.device)).toEqual(leftOver);
    const recover = expectExit(
      await workspace.daManageOutHere("recover", "lab", "--apply", "--empty-state"),
      0,
      "recover --apply",
    );
    expect(recover).toContain("the device and the state agree");
    process.stderr.write(
      `killed deploy: ${interrupted.output
        .split("\n")
        .filter((line) => line.startsWith("da-manage-out"))
        .join(" | ")}\nrecover: ${recover}\n`,
    );

    expect(await workspace.deployScript("deploy", "lab")).toMatchObject({ status: 0 });
    expect(Object.keys(destinations(lab.device))).toEqual(
      [1, 2, 3, 4].map((n) => `/Common/da_mo_lab_da-lab-${n}_vs`),
    );
    expect(destinations(lab.device)["/Common/da_mo_lab_da-lab-4_vs"]).toBe(
      "2001:db8:8000:3003::/64",
    );
    expect(await workspace.planChanges("lab")).toBeUndefined();
    expect(
      expectExit(await workspace.daManageOutHere("recover", "lab"), 0, "recover after"),
    ).toContain("nothing to do");
  });

  test("a destroy killed mid-way fails the documented path; recover and a destroy finish it", async () => {
    const lab = await startFake("lab", "lab-secret");
    workspace = workspaceFor(lab, "lab-secret");
    workspace.writeInventory(
      "lab.yaml",
      siteInventory({ name: "lab", host: lab.host, site: 3, servers: 4 }),
    );
    expectExit(await workspace.deployScript("deploy", "lab"), 0, "deploy");

    lab.writeDelayMs = 250;
    const before = lab.writesReceived;
    const destroy = workspace.startDeployScript("destroy", "lab");
    await lab.waitForWrites(before + 6);
    expect(killTerraform(destroy.child.pid!)).toBeGreaterThan(0);
    const interrupted = await destroy.result;
    expect(interrupted.status).not.toBe(0);
    lab.writeDelayMs = 0;

    const recover = expectExit(
      await workspace.daManageOutHere("recover", "lab", "--apply"),
      0,
      "recover --apply",
    );
    process.stderr.write(
      `killed destroy: ${interrupted.output
        .split("\n")
        .filter((line) => line.startsWith("da-manage-out"))
        .join(" | ")}\nrecover: ${recover}\n`,
    );
    expectExit(await workspace.deployScript("destroy", "lab"), 0, "destroy again");
    expect(objectNames(lab.device)).toEqual({ pools: [], virtualServers: [] });
    expect(lab.device.nodes.size).toBe(0);
  });

  test("a deploy stops before Terraform when the stack's backend changed since its folder was initialised", async () => {
    const lab = await startFake("lab", "lab-secret");
    workspace = workspaceFor(lab, "lab-secret");
    const inventory = siteInventory({ name: "lab", host: lab.host, site: 3, servers: 1 });
    workspace.writeInventory("lab.yaml", inventory);
    expectExit(await workspace.deployScript("deploy", "lab"), 0, "deploy");
    workspace.writeInventory(
      "lab.yaml",
      inventory.replace(
        "entryPoints:",
        "terraform:\n  backend: { type: local, path: moved.tfstate }\nentryPoints:",
      ),
    );
    lab.clearLog();
    const moved = expectExit(
      await workspace.deployScript("deploy", "lab"),
      1,
      "deploy after the move",
    );
    expect(moved).toContain("lab: the state backend changed (path) since");
    expect(moved).toContain("terraform init -migrate-state");
    expect(lab.requests).toEqual([]);
  });
});

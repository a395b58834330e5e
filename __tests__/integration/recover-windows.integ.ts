/**
 * `recover` in every window of the provider's create sequences (docs/lifecycle.md, "What an
 * interrupted run leaves"): a deploy that adds a DA server, Terraform killed right after its N-th
 * write to the device (N = 1..5: pool POST, pool PUT, then member POST, member PATCH and virtual
 * server POST in the order Terraform runs them), then the documented recovery: `npx
 * da-manage-out recover <stack> --apply` and `npm run deploy -- <stack>`, which must converge (the
 * plan after it is empty). One workspace and one device for all rounds: each round adds the next
 * server. Skipped, with a line saying why, without the provider.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { describeWithProvider } from "./harness/provider";
import { objectNames } from "./harness/device-view";
import { killTerraform } from "./harness/processes";
import { Workspace, type CommandResult } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
afterAll(() => rmSync(pluginCacheDir, { recursive: true, force: true }));

let fake: FakeBigip | undefined;
let workspace: Workspace | undefined;
afterAll(async () => {
  workspace?.dispose();
  await fake?.stop();
});

/** The lab inventory with DA servers da-1 .. da-<count>, each in its own /64. */
function inventory(count: number): string {
  const servers = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return `      - { name: da-${n}, internalAddress: "2001:db8:10::${n.toString(16)}", clientPrefix: "2001:db8:8000:100${i.toString(16)}::/64" }`;
  });
  return [
    "name: lab",
    "bigip:",
    "  vlans: [/Common/internal]",
    "entryPoints:",
    "  - name: lab",
    '    clientPrefix: "2001:db8:8000:1000::/59"',
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

describeWithProvider(pluginCacheDir)("recover after Terraform is killed after its N-th write", () => {
  test("for N = 1..5, recover and a deploy converge and the next plan is empty", async () => {
    fake = await startSecureFake();
    workspace = new Workspace({ bigipHost: fake.host, pluginCacheDir });
    workspace.writeInventory("lab.yaml", inventory(1));
    expectExit(await workspace.deployScript("deploy", "lab"), 0, "first deploy");

    for (let n = 1; n <= 5; n++) {
      const servers = n + 1;
      workspace.writeInventory("lab.yaml", inventory(servers));
      const before = fake.requests.length;
      const stopped = fake.stopAfterDeviceWrites(n);
      const deploy = workspace.startDeployScript("deploy", "lab");
      await stopped;
      expect(killTerraform(deploy.child.pid!)).toBeGreaterThan(0);
      const interrupted = await deploy.result;
      fake.deviceWriteStop = undefined;
      const writes = fake.requests
        .slice(before)
        .filter((request) => request.method !== "GET" && request.url.startsWith("/mgmt/tm/"))
        .map((request) => `${request.method} ${decodeURIComponent(request.url)}`);
      expect([n, interrupted.status === 0, writes.length]).toEqual([n, false, n]);

      const dryRun = expectExit(await workspace.daManageOutHere("recover", "lab"), 0, `recover ${n}`);
      const recovered = expectExit(
        await workspace.daManageOutHere("recover", "lab", "--apply"),
        0,
        `recover --apply ${n}`,
      );
      process.stderr.write(
        `after write ${n} (${writes.join(", ")}):\n${dryRun}\n${recovered}\n`,
      );
      const deployed = expectExit(
        await workspace.deployScript("deploy", "lab"),
        0,
        `deploy after recover ${n}`,
      );
      expect(deployed).toContain("lab: converged (the plan after the deploy finds no changes)");
      expect(objectNames(fake.device).virtualServers).toHaveLength(servers);
    }
    expect(await workspace.planChanges("lab")).toBeUndefined();
  });
});

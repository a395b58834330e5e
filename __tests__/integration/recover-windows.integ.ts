/**
 * `recover` in the windows of the provider's create sequences (lib/tools/recover.ts lists the
 * writes): a deploy that adds a DA server, Terraform killed right after its N-th write to the
 * device reached it (N = 1..5: the pool's POST and PUT, then the member's POST and PATCH and the
 * virtual server's POST, in the order Terraform runs them), then the documented recovery:
 * `npx da-manage-out recover <stack>` (a dry run), `--apply`, and `npm run deploy -- <stack>`,
 * which must converge: the plan after it is empty. Then the same after the first write of a
 * deploy that adds the loose fastL4 profile (its one POST). One workspace and one device for all
 * rounds: each round adds the next server. Skipped, with a line saying why, without the provider.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { describeWithProvider } from "./harness/provider";
import { objectNames } from "./harness/device-view";
import { killTerraform } from "./harness/processes";
import { expectExit, Workspace } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
let fake: FakeBigip | undefined;
let workspace: Workspace | undefined;
afterAll(async () => {
  workspace?.dispose();
  await fake?.stop();
  rmSync(pluginCacheDir, { recursive: true, force: true });
});

/** The lab inventory with DA servers da-1 .. da-<count>, each in its own /64. */
function inventory(count: number, bigip = ""): string {
  const servers = Array.from({ length: count }, (_, i) => {
    const n = (i + 1).toString(16);
    return `      - { name: da-${i + 1}, internalAddress: "2001:db8:10::${n}", clientPrefix: "2001:db8:8000:100${i.toString(16)}::/64" }`;
  });
  return [
    "name: lab",
    "bigip:",
    "  vlans: [/Common/internal]",
    ...(bigip ? [`  ${bigip}`] : []),
    "entryPoints:",
    "  - name: lab",
    '    clientPrefix: "2001:db8:8000:1000::/59"',
    "    servers:",
    ...servers,
    "",
  ].join("\n");
}

/**
 * Deploys `text` as the lab inventory and kills Terraform once its `n`-th write below `/mgmt/tm/`
 * reached the device (unanswered: see FakeBigip.deviceWriteStop); the writes, as `METHOD path`.
 */
async function deployKilledAfter(device: FakeBigip, text: string, n: number): Promise<string[]> {
  workspace!.writeInventory("lab.yaml", text);
  const before = device.requests.length;
  const stopped = device.stopAfterDeviceWrites(n);
  const deploy = workspace!.startDeployScript("deploy", "lab");
  await stopped;
  expect(killTerraform(deploy.child.pid!)).toBeGreaterThan(0);
  const interrupted = await deploy.result;
  device.deviceWriteStop = undefined;
  expect(interrupted.status).not.toBe(0);
  return device.requests
    .slice(before)
    .filter((request) => request.method !== "GET" && request.url.startsWith("/mgmt/tm/"))
    .map((request) => `${request.method} ${decodeURIComponent(request.url)}`);
}

/** `recover` (dry run, then `--apply`) and a deploy, which must converge; recover's lines. */
async function recoverAndDeploy(device: FakeBigip, what: string): Promise<string[]> {
  const before = objectNames(device.device);
  const first = await workspace!.daManageOutHere("recover", "lab");
  if (first.status === 1 && first.output.includes("the state of lab holds nothing")) {
    // Killed while Terraform rewrote the local state file (in place): it is empty. recover
    // deleted nothing and named the backup; restore it, as its message says (seen in CI).
    expect(objectNames(device.device)).toEqual(before);
    const stateFile = path.join(workspace!.root, "terraform.lab.tfstate");
    copyFileSync(`${stateFile}.backup`, stateFile);
    process.stderr.write(`${what}: the state was empty; restored from its backup\n`);
  }
  const dryRun = expectExit(await workspace!.daManageOutHere("recover", "lab"), 0, what);
  expect(dryRun).toContain("dry run: nothing changed");
  expect(objectNames(device.device)).toEqual(before);
  const applied = expectExit(
    await workspace!.daManageOutHere("recover", "lab", "--apply"),
    0,
    `${what} --apply`,
  );
  expect(applied).toContain("lab: the device and the state agree");
  const deployed = expectExit(await workspace!.deployScript("deploy", "lab"), 0, `deploy ${what}`);
  expect(deployed).toContain("lab: converged (the plan after the deploy finds no changes)");
  const lines = applied.split("\n").filter((line) => /^ {2}\S/.test(line));
  process.stderr.write(`${what}:\n${lines.join("\n")}\n`);
  return lines.map((line) => line.trim());
}

describeWithProvider(pluginCacheDir)(
  "recover after Terraform is killed after its N-th write",
  () => {
    test("N = 1..5 of a deploy that adds a server, 1 of one that adds the loose profile: recover and a deploy converge, the next plan is empty", async () => {
      fake = await startSecureFake();
      workspace = new Workspace({ bigipHost: fake.host, pluginCacheDir });
      workspace.writeInventory("lab.yaml", inventory(1));
      expectExit(await workspace.deployScript("deploy", "lab"), 0, "first deploy");

      for (let n = 1; n <= 5; n++) {
        const server = `da-${n + 1}`;
        const pool = `/Common/da_mo_lab_${server}_pool`;
        const writes = await deployKilledAfter(fake, inventory(n + 1), n);
        expect(writes).toHaveLength(n);
        // Terraform creates the pool first: its POST, then its PUT.
        expect(writes.slice(0, 2)).toEqual(
          ["POST /mgmt/tm/ltm/pool", `PUT /mgmt/tm/ltm/pool/${pool.replace(/\//g, "~")}`].slice(
            0,
            n,
          ),
        );
        const lines = await recoverAndDeploy(fake, `recover after write ${n} (${writes.at(-1)})`);
        expect(lines.filter((line) => line.startsWith("REFUSED"))).toEqual([]);
        if (n === 1) {
          expect(lines).toContain(
            `delete pool ${pool}: lab/${server}: on the device, not in the state, bare (no description, monitor or member, slowRampTime 0): created by the interrupted run's POST, which was stopped before the PUT of its description`,
          );
        }
        if (n === 2) {
          expect(lines).toContain(
            `delete pool ${pool}: lab/${server}: on the device, not in the state, with the description this stack writes: created by the interrupted run (POST, then the PUT of its description)`,
          );
        }
        // Only the objects of the server being added.
        for (const line of lines.filter((text) => text.startsWith("delete"))) {
          expect(line).toContain(`lab/${server}: on the device, not in the state`);
        }
        expect(objectNames(fake.device).virtualServers).toHaveLength(n + 1);
      }

      const loose = inventory(7, "fastL4Profile: { loose: true }");
      expect(await deployKilledAfter(fake, loose, 1)).toEqual(["POST /mgmt/tm/ltm/profile/fastl4"]);
      expect(await recoverAndDeploy(fake, "recover after the profile's POST")).toContain(
        "delete fastL4 profile /Common/da_mo_fastl4_loose: bigip.fastL4Profile: on the device, not in the state, with the settings this stack writes: created by the interrupted run (one POST with every setting)",
      );
      expect(fake.device.virtualServers.get("/Common/da_mo_lab_da-7_vs")?.profiles).toEqual([
        "/Common/da_mo_fastl4_loose",
      ]);
      expect(await workspace.planChanges("lab")).toBeUndefined();
    });

    test("a state emptied by a killed rewrite: recover deletes nothing and names the backup; restored, nothing to do", async () => {
      // Terraform rewrites a local state file in place: killed in between, the file is empty.
      const stateFile = path.join(workspace!.root, "terraform.lab.tfstate");
      const saved = readFileSync(stateFile, "utf8");
      expect(existsSync(`${stateFile}.backup`)).toBe(true);
      writeFileSync(stateFile, "");
      const before = objectNames(fake!.device);
      const refused = expectExit(await workspace!.daManageOutHere("recover", "lab"), 1, "recover");
      expect(refused).toContain(
        "da-manage-out recover: nothing done: the state of lab holds nothing, and the device holds",
      );
      expect(refused).toContain("(terraform.lab.tfstate.backup is the state before the last run)");
      expect(objectNames(fake!.device)).toEqual(before);
      writeFileSync(stateFile, saved);
      expect(
        expectExit(await workspace!.daManageOutHere("recover", "lab"), 0, "recover after restore"),
      ).toContain("nothing to do");
    });
  },
);

/**
 * One stack, two engines: deployed with cdktf, it plans clean with CDK Terrain (state and resource
 * addresses unchanged); changed and destroyed with CDK Terrain, it plans clean with cdktf again.
 * Real Terraform and the real provider against the fake BIG-IP; cdktn-cli runs on Node 22 from
 * the npm registry's `node` package (scripts/engine.cjs).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake } from "./harness/device-tls";
import { objectNames } from "./harness/device-view";
import { describeWithProvider } from "./harness/provider";
import { Workspace } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
afterAll(() => rmSync(pluginCacheDir, { recursive: true, force: true }));

const NO_CHANGES = "No changes. Your infrastructure matches the configuration.";

/** The engine version that synthesized the stack last, from the `//` metadata of cdk.tf.json. */
function synthesizedBy(workspace: Workspace): string {
  const file = path.join(workspace.outdir, "stacks", "corp-east", "cdk.tf.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { "//": { metadata: { version: string } } })[
    "//"
  ].metadata.version;
}

describeWithProvider(pluginCacheDir)("a stack moved between cdktf and CDK Terrain", () => {
  let fake: FakeBigip;
  let workspace: Workspace;
  afterEach(async () => {
    workspace?.dispose();
    await fake?.stop();
  });

  test("deploy with cdktf, plan with cdktn: no changes; change and destroy with cdktn, plan with cdktf: no changes", async () => {
    fake = await startSecureFake();
    workspace = new Workspace({ bigipHost: fake.host, pluginCacheDir });
    workspace.copyInventory("inventories/corp-east.yaml", fake.host);

    const deployed = await workspace.cdktfOn("cdktf", "deploy", "corp-east", "--auto-approve");
    expect([deployed.status, deployed.output.slice(-2000)]).toEqual([0, expect.anything()]);
    expect(synthesizedBy(workspace)).toBe("0.21.0");
    const onTerrain = await workspace.cdktfOn("cdktn", "diff", "corp-east");
    expect(synthesizedBy(workspace)).toBe("0.24.0");
    expect([onTerrain.status, onTerrain.output.slice(-2000)]).toEqual([
      0,
      expect.stringContaining(NO_CHANGES),
    ]);

    // A server removed with CDK Terrain; cdktf then sees nothing to do.
    const inventory = readFileSync(path.join(workspace.inventories, "corp-east.yaml"), "utf8");
    workspace.writeInventory(
      "corp-east.yaml",
      inventory.replace(/ {6}- name: da-east-3\n(?: {8}.*\n){2}/, ""),
    );
    const changed = await workspace.cdktfOn("cdktn", "deploy", "corp-east", "--auto-approve");
    expect([changed.status, changed.output.slice(-2000)]).toEqual([0, expect.anything()]);
    expect(objectNames(fake.device).virtualServers).not.toContain(
      "/Common/da_mo_east_da-east-3_vs",
    );
    const onCdktf = await workspace.cdktfOn("cdktf", "diff", "corp-east");
    expect(synthesizedBy(workspace)).toBe("0.21.0");
    expect([onCdktf.status, onCdktf.output.slice(-2000)]).toEqual([
      0,
      expect.stringContaining(NO_CHANGES),
    ]);

    const destroyed = await workspace.cdktfOn("cdktn", "destroy", "corp-east", "--auto-approve");
    expect([destroyed.status, destroyed.output.slice(-2000)]).toEqual([0, expect.anything()]);
    expect(objectNames(fake.device)).toEqual({ pools: [], virtualServers: [] });
  });
});

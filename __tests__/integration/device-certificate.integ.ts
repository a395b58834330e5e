/**
 * The real provider checks the fake BIG-IP's TLS certificate as a deploy does: with the CA that
 * signed it (`BIGIP_CA_FILE`, handed on as `BIGIP_TRUSTED_CERT_PATH`) the plan runs; with another
 * CA, or at a name the certificate is not for, `terraform plan` fails before the login is sent;
 * `bigip.validateCerts: false` is the lab's way round, and says so. Skipped, with a line saying
 * why, where the provider cannot be installed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { OTHER_CA_FILE, startSecureFake } from "./harness/device-tls";
import { objectNames } from "./harness/device-view";
import { labInventory } from "./harness/lab-inventory";
import { describeWithProvider } from "./harness/provider";
import { type CommandResult, Workspace, type WorkspaceProps } from "./harness/workspace";

const pluginCacheDir = mkdtempSync(path.join(tmpdir(), "da-manage-out-plugins-"));
afterAll(() => rmSync(pluginCacheDir, { recursive: true, force: true }));

let fake: FakeBigip;
const workspaces: Workspace[] = [];
beforeEach(async () => {
  fake = await startSecureFake();
});
afterEach(async () => {
  for (const workspace of workspaces.splice(0)) workspace.dispose();
  await fake.stop();
});

/** A workspace of the lab inventory against the fake (or `bigipHost`), synthesized. */
async function labWorkspace(
  options: Partial<WorkspaceProps> & { bigip?: string } = {},
): Promise<Workspace> {
  const workspace = new Workspace({ bigipHost: fake.host, pluginCacheDir, ...options });
  workspaces.push(workspace);
  workspace.writeInventory("lab.yaml", labInventory(options.bigip));
  await workspace.synth();
  return workspace;
}

/** `terraform plan`; its exit code and what it printed. */
function plan(workspace: Workspace): Promise<CommandResult> {
  return workspace.terraform("lab", "plan", "-input=false");
}

/** `terraform plan` fails with `message`, and the fake never saw the login. */
async function expectRefusedPlan(workspace: Workspace, message: string): Promise<void> {
  const result = await plan(workspace);
  expect(result.status).toBe(1);
  expect(result.output).toContain(message);
  expect(logins()).toEqual([]);
}

/** The login requests the fake received: none, when the certificate was refused. */
const logins = () => fake.requests.filter((request) => request.url === "/mgmt/shared/authn/login");

describeWithProvider(pluginCacheDir)("the BIG-IP's TLS certificate", () => {
  test("with the CA that signed it, terraform plan logs in and plans", async () => {
    const result = await plan(await labWorkspace());
    expect([result.status, result.status === 0 ? "" : result.output.slice(-3000)]).toEqual([0, ""]);
    expect(result.output).toContain("Plan: 6 to add, 0 to change, 0 to destroy.");
    expect(logins()).toHaveLength(1);
  });

  test("with another CA, terraform plan fails before the login is sent", async () => {
    await expectRefusedPlan(
      await labWorkspace({ environment: { BIGIP_CA_FILE: OTHER_CA_FILE } }),
      "tls: failed to verify certificate: x509: certificate signed by unknown authority",
    );
  });

  test("at a name the certificate is not for (localhost, the certificate is for 127.0.0.1), terraform plan fails before the login is sent", async () => {
    const port = new URL(fake.host).port;
    // Go's crypto/tls: the certificate has an IP address, 127.0.0.1, and no DNS name.
    await expectRefusedPlan(
      await labWorkspace({ bigipHost: `https://localhost:${port}` }),
      "tls: failed to verify certificate: x509: certificate is not valid for any names, but wanted to match localhost",
    );
  });

  test("without a CA the provider refuses to start, and npm run deploy says what to set first", async () => {
    const workspace = await labWorkspace({ environment: { BIGIP_CA_FILE: undefined } });
    await expectRefusedPlan(
      workspace,
      "valid Trust Certificate path not provided using :trusted_cert_path",
    );
    const deploy = await workspace.deployScript("deploy", "lab");
    expect(deploy.status).toBe(2);
    expect(deploy.output).toContain(
      "da-manage-out: lab: the provider verifies the BIG-IP's TLS certificate and needs the CA that signed it: set BIGIP_CA_FILE to that PEM file",
    );
    expect(logins()).toEqual([]);
  });

  test("npm run deploy hands BIGIP_CA_FILE to the provider: another CA stops the deploy, the right one converges", async () => {
    const refused = await labWorkspace({ environment: { BIGIP_CA_FILE: OTHER_CA_FILE } });
    const failed = await refused.deployScript("deploy", "lab", "--auto-approve");
    // The deploy's own login (its token goes to the provider) verifies with the same CA first.
    expect(failed.status).toBe(2);
    expect(failed.output).toContain(
      `da-manage-out deploy: lab: cannot reach ${new URL(fake.host).host}: UNABLE_TO_VERIFY_LEAF_SIGNATURE unable to verify the first certificate: the device's TLS certificate does not verify; set BIGIP_CA_FILE to its CA (the device commands also take --ca-file); nothing was deployed`,
    );
    expect(logins()).toEqual([]);
    expect(objectNames(fake.device).virtualServers).toEqual([]);

    const verified = await labWorkspace();
    const deployed = await verified.deployScript("deploy", "lab", "--auto-approve");
    expect([deployed.status, deployed.status === 0 ? "" : deployed.output.slice(-3000)]).toEqual([
      0,
      "",
    ]);
    expect(deployed.output).toContain("da-manage-out deploy: lab: converged");
    expect(objectNames(fake.device).virtualServers).toEqual(["/Common/da_mo_lab_da-1_vs"]);
  });

  test("validateCerts: false plans without a CA, and the provider block says so", async () => {
    const workspace = await labWorkspace({
      bigip: "  validateCerts: false",
      environment: { BIGIP_CA_FILE: undefined },
    });
    const stack = JSON.parse(
      readFileSync(path.join(workspace.stackDirectory("lab"), "cdk.tf.json"), "utf8"),
    ) as { provider: { bigip: Record<string, unknown>[] } };
    expect(stack.provider.bigip).toEqual([{ teem_disable: true, validate_certs_disable: true }]);
    const result = await plan(workspace);
    expect([result.status, result.status === 0 ? "" : result.output.slice(-3000)]).toEqual([0, ""]);
    expect(logins()).toHaveLength(1);
  });
});

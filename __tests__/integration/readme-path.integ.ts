/**
 * The README's path from clone to deploy, followed literally on a closed network: a copy of the
 * project, the Quick start's install and synth, the example inventories replaced by one for "your
 * own BIG-IP" (the fake), the closed-network section's CLI configuration and exports, and the
 * deploy section's commands, each read from the README's code blocks and run by bash as a reader
 * would paste them. The provider comes from a filesystem mirror made from the installed one; the
 * CLI configuration keeps Terraform off the registry. Skipped, saying why, where no provider is
 * installed.
 *
 * What is not literal, and why: the README's `/opt/terraform` is a temporary folder, and its CA
 * file a copy of the test CA that signed the fake's certificate; the mirror is filled from
 * `~/.terraform.d/plugins` instead of by `terraform providers mirror` (which needs the registry); the operator's "Approve" at cdktf's prompt is `CDKTF_AUTO_APPROVE=true`; the
 * Quick start's `npm test` is not run again here: CI runs it just before this suite, on the same
 * tree (`.ci/run`, which __tests__/readme.test.ts holds to the Quick start).
 */
import {
  copyFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { FakeBigip } from "./fake-bigip/fake-bigip";
import { startSecureFake, TEST_CA_FILE } from "./harness/device-tls";
import { objectNames } from "./harness/device-view";
import { installedProvider, writeFilesystemMirror } from "./harness/provider-mirror";
import { codeBlocks, commandLines, readmeSection } from "./harness/readme-commands";
import { expectSuccess, run } from "./harness/workspace";
import { PROVIDER_VERSION_VARIABLE } from "../../lib/terraform-requirements";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

/** What a clone holds: everything but installed, built and synthesized files and local state. */
const NOT_IN_A_CLONE = new Set([".git", "node_modules", "cdktf.out", "dist", "build", ".gen"]);

const provider = installedProvider();
const describeWithInstalledProvider = typeof provider === "string" ? describe.skip : describe;
if (typeof provider === "string") {
  process.stderr.write(
    `integration tests SKIPPED: the README's closed-network path needs the F5Networks/bigip provider to fill a mirror from: ${provider}\n`,
  );
}

/**
 * The environment of a reader's fresh shell: none of this machine's Terraform, cdktf, BIG-IP or
 * checkpoint settings, so that only what the README sets counts; but for the provider release
 * under trial (`DA_MANAGE_OUT_PROVIDER_VERSION`), which the mirror holds instead of the pin.
 */
function freshShell(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  for (const name of Object.keys(env)) {
    if (name === PROVIDER_VERSION_VARIABLE) continue;
    if (/^(TF_|CDKTF_|BIGIP_|DA_MANAGE_OUT_)|^CHECKPOINT_DISABLE$/.test(name)) delete env[name];
  }
  return env;
}

describeWithInstalledProvider("the README, followed literally on a closed network", () => {
  let root: string;
  let fake: FakeBigip | undefined;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "da-manage-out-readme-"));
  });
  afterAll(async () => {
    await fake?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test("clone, Quick start, own inventory, mirror, doctor, diff, deploy, audit", async () => {
    const project = path.join(root, "project");
    cpSync(PROJECT_ROOT, project, {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(PROJECT_ROOT, source);
        const [top] = relative.split(path.sep);
        return !NOT_IN_A_CLONE.has(top) && !/\.tfstate|(^|\/)\.terraform(\/|$)/.test(relative);
      },
    });

    // Quick start: install (bindings generated offline) and synthesize the example inventories.
    const [install, test] = commandLines(codeBlocks(readmeSection("## Quick start"), "sh")[0]);
    expect(test).toBe("npm test");
    expectSuccess(
      await run(
        "bash",
        ["-c", install],
        project,
        { ...freshShell(), npm_config_prefer_offline: "true" },
        600_000,
      ),
      `the Quick start's ${install}`,
    );

    // "Start here with your own BIG-IP": the examples replaced by one inventory of your device.
    const deploySection = readmeSection("## Plan and deploy against a BIG-IP");
    const deployBlock = codeBlocks(deploySection, "sh")[0];
    const login = /BIGIP_USER=(\S+) BIGIP_PASSWORD='([^']*)'/.exec(deployBlock);
    if (!login)
      throw new Error(
        "the README's deploy section no longer sets BIGIP_USER=... BIGIP_PASSWORD='...'",
      );
    fake = await startSecureFake({ username: login[1], password: login[2] });
    // The README's CA file: here the test CA that signed the fake's certificate.
    const caFile = /BIGIP_CA_FILE=(\S+)/.exec(deployBlock);
    if (!caFile) throw new Error("the README's deploy section no longer sets BIGIP_CA_FILE=...");
    copyFileSync(TEST_CA_FILE, path.join(root, "bigip-ca.pem"));
    const inventories = path.join(project, "inventories");
    const example = readFileSync(path.join(inventories, "corp-east.yaml"), "utf8");
    for (const file of readdirSync(inventories)) rmSync(path.join(inventories, file));
    writeFileSync(
      path.join(inventories, "corp-east.yaml"),
      example.replace(/^ {2}host: .*$/m, `  host: "${fake.host}"`),
    );

    // On a closed network: the mirror, the README's CLI configuration and exports.
    const closedNetwork = readmeSection("### On a closed network");
    const [configuration] = codeBlocks(closedNetwork, "hcl");
    writeFilesystemMirror(root, provider as Exclude<typeof provider, string>, configuration);
    const exports = commandLines(codeBlocks(closedNetwork, "sh")[1]).map((line) =>
      line.replaceAll("/opt/terraform", root),
    );

    const deployCommands = commandLines(deployBlock).map((line) =>
      line.replaceAll(caFile[1], path.join(root, "bigip-ca.pem")),
    );
    const script = ["set -eo pipefail", "set -x", ...exports, ...deployCommands];
    const result = await run(
      "bash",
      ["-c", script.join("\n")],
      project,
      { ...freshShell(), CDKTF_AUTO_APPROVE: "true" },
      600_000,
    );
    const output = expectSuccess(result, "the README's closed-network exports and deploy commands");

    expect(output).toContain(
      `ok       provider F5Networks/bigip ${path.basename(path.dirname((provider as { folder: string }).folder))} can be installed, from ${root}/mirror/registry.terraform.io/f5networks/bigip/`,
    );
    expect(output).toContain("da-manage-out deploy: corp-east: verified by Terraform");
    expect(output).toContain("the device matches the inventories");
    expect(objectNames(fake.device).virtualServers).toEqual([
      "/Common/da_mo_branch-leeds_da-leeds-1_vs",
      "/Common/da_mo_east_da-east-1_vs",
      "/Common/da_mo_east_da-east-2_vs",
      "/Common/da_mo_east_da-east-3_vs",
    ]);
  });
});

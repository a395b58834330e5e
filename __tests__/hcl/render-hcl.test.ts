// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { renderHcl } from "../../lib/hcl/render-hcl";
import { listInventoryFiles } from "../../lib/inventory";
import { synthText, validInventory } from "../stack-helpers";

const exampleHcl = listInventoryFiles("inventories").map((file) => {
  const inventory = validInventory(readFileSync(file, "utf8"), file);
  return [inventory.stackName, renderHcl(JSON.parse(synthText(inventory)))] as const;
});

test("writes lifecycle settings as blocks with bare references, as Terraform requires", () => {
  const [, hcl] = exampleHcl.find(([stack]) => stack === "corp-west")!;
  expect(hcl).toContain(
    [
      "  lifecycle {",
      "    ignore_changes = all",
      "    replace_triggered_by = [terraform_data.west_da-west-1_prefix_trigger_4B33BDD3]",
      "  }",
    ].join("\n"),
  );
  expect(hcl).toContain(
    [
      "    postcondition {",
      '      condition = alltrue([for line in self.command_result : !can(regex("(?im)(error|not found|invalid|unexpected|^[0-9a-f]{8}:[0-9]:)", line))])',
    ].join("\n"),
  );
  expect(hcl).toContain(
    "  depends_on = [bigip_command.west_da-west-1_config_sync_on_destroy_59DFC0C2]",
  );
  expect(hcl).toContain('  required_version = ">= 1.5"');
  expect(hcl).not.toContain('"//"');
});

test("writes references to other resources bare and keeps literal strings quoted", () => {
  const [, hcl] = exampleHcl.find(([stack]) => stack === "corp-east")!;
  expect(hcl).toContain("  pool = bigip_ltm_pool.east_da-east-1_pool_E39C4795.name\n");
  expect(hcl).toContain('  mask = "ffff:ffff:ffff:ffff::0.0.0.0"\n');
});

test("escapes quotes and backslashes in strings, and quotes keys that are not identifiers", () => {
  const hcl = renderHcl({
    output: {
      x: { value: { "east/da-east-1": 'say "hi" \\ there', plain_key: "${var.a}-${var.b}" } },
    },
  });
  expect(hcl).toBe(
    'output "x" {\n  value = {\n    "east/da-east-1" = "say \\"hi\\" \\\\ there"\n    plain_key = "${var.a}-${var.b}"\n  }\n}\n',
  );
});

const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
const withTerraform = !terraform.error && terraform.status === 0 ? test : test.skip;
if (withTerraform === test.skip)
  process.stderr.write("HCL checks with terraform skipped: terraform is not on PATH\n");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "" };

withTerraform.each(exampleHcl.map(([stack, hcl]) => [stack, hcl]))(
  "the HCL of %s parses (terraform fmt)",
  (_, hcl) => {
    const result = spawnSync("terraform", ["fmt", "-"], { input: hcl, encoding: "utf8", env });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  },
);

withTerraform("a rendered configuration with the same constructs passes terraform validate", () => {
  // terraform_data is built into Terraform, so this validates offline; the BIG-IP resources of
  // the stacks need the provider (npm run test:integration).
  const hcl = renderHcl({
    "//": { metadata: {} },
    terraform: { required_version: ">= 1.5" },
    resource: {
      terraform_data: {
        trigger: { input: { client_prefix: "2131:0:0:1000::/59" } },
        guarded: {
          input: ["ok"],
          depends_on: ["terraform_data.trigger"],
          lifecycle: {
            ignore_changes: ["input"],
            replace_triggered_by: ["terraform_data.trigger"],
            postcondition: [
              {
                condition: '${alltrue([for line in self.output : !can(regex("(?i)error", line))])}',
                error_message: "failed",
              },
            ],
          },
        },
      },
    },
    output: { trigger: { value: "${terraform_data.trigger.output}" } },
  });
  const directory = mkdtempSync(path.join(tmpdir(), "da-manage-out-hcl-"));
  try {
    writeFileSync(path.join(directory, "main.tf"), hcl);
    const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], {
      cwd: directory,
      encoding: "utf8",
      env,
    });
    expect(init.status).toBe(0);
    const validate = spawnSync("terraform", ["validate", "-no-color"], {
      cwd: directory,
      encoding: "utf8",
      env,
    });
    expect(validate.stdout + validate.stderr).toContain("The configuration is valid.");
    expect(validate.stderr).toBe("");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

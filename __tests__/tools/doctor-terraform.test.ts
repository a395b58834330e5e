/**
 * `doctor`'s Terraform check: the version the inventories' stacks need, 1.10 where one of them
 * logs in with `bigip.credentials` (ephemeral variables), named with the stacks that need it.
 */
import { parseInventory, type Inventory } from "../../lib/inventory";
import { checkTerraform } from "../../lib/tools/doctor";
import { fakeTerraform, type FakeTerraform } from "./fake-terraform";

let terraform: FakeTerraform;
const savedPath = process.env.PATH;
beforeAll(() => {
  terraform = fakeTerraform();
  process.env.PATH = terraform.path;
});
afterAll(() => {
  process.env.PATH = savedPath;
  terraform.remove();
});
afterEach(() => delete process.env.FAKE_TERRAFORM_VERSION);

function inventory(name: string, bigip = ""): Inventory {
  const { inventory: parsed, problems } = parseInventory(
    `${name}.yaml`,
    [
      `name: ${name}`,
      "bigip:",
      "  vlans: [/Common/internal]",
      bigip,
      "entryPoints:",
      "  - name: east",
      '    clientPrefix: "2001:db8:8000:1000::/64"',
      '    servers: [{ name: da-east-1, internalAddress: "2001:db8:10::11" }]',
      "",
    ].join("\n"),
  );
  expect(problems).toEqual([]);
  return parsed!;
}

const WEST_CREDENTIALS =
  "  credentials: { userVariable: bigip_west_user, passwordVariable: bigip_west_password }";

test("Terraform 1.9 is enough for stacks that log in with BIGIP_USER", () => {
  process.env.FAKE_TERRAFORM_VERSION = "1.9.8";
  expect(checkTerraform([inventory("corp-east")])).toEqual({ ok: true, what: "terraform 1.9.8" });
});

test("rejects Terraform 1.9 for a stack with bigip.credentials, naming the stack and why", () => {
  process.env.FAKE_TERRAFORM_VERSION = "1.9.8";
  expect(
    checkTerraform([inventory("corp-east"), inventory("corp-west", WEST_CREDENTIALS)]),
  ).toEqual({
    ok: false,
    what: "terraform 1.9.8 is older than 1.10",
    fix: "install Terraform >= 1.10 (corp-west: bigip.credentials are ephemeral variables)",
  });
});

test("rejects Terraform 1.4 for every stack", () => {
  process.env.FAKE_TERRAFORM_VERSION = "1.4.7";
  expect(checkTerraform([inventory("corp-east")])).toEqual({
    ok: false,
    what: "terraform 1.4.7 is older than 1.5",
    fix: "install Terraform >= 1.5",
  });
});

test("accepts Terraform 1.10 and 2.0 for a stack with bigip.credentials", () => {
  for (const version of ["1.10.0", "2.0.0"]) {
    process.env.FAKE_TERRAFORM_VERSION = version;
    expect(checkTerraform([inventory("corp-west", WEST_CREDENTIALS)]).ok).toBe(true);
  }
});

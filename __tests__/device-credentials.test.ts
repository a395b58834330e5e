// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * The DeviceCredentials construct runs the checks of the inventory's device-credentials rule
 * (lib/validation/credential-variables.ts), for a stack built from an unchecked inventory.
 */
import { TerraformStack, Testing } from "cdktf";
import { DeviceCredentials } from "../lib/constructs/device-credentials";
import { RESERVED_VARIABLE_NAMES } from "../lib/validation/credential-variables";

describe("DeviceCredentials", () => {
  const build = (userVariable: string, passwordVariable: string) => () =>
    new DeviceCredentials(new TerraformStack(Testing.app(), "east"), "device_credentials", {
      userVariable,
      passwordVariable,
    });

  test.each([...RESERVED_VARIABLE_NAMES])("rejects the reserved name %s", (name) => {
    expect(build(name, "bigip_east_password")).toThrow(
      `DeviceCredentials east/device_credentials: userVariable is a name Terraform reserves for module blocks, which no variable may have, got '${name}'; terraform init would fail; choose another name, e.g. bigip_east_user`,
    );
  });

  test.each([
    [
      "bigip_east_user",
      "Bigip_East_User",
      "passwordVariable differs from userVariable only in case: on Windows both read one environment variable, got 'Bigip_East_User'",
    ],
    ["bigip_east_user", "bigip_east_user", "passwordVariable is the same variable as userVariable"],
    [
      "bigip_east_user",
      "S3cret!",
      "passwordVariable must name a Terraform variable (letters, digits and '_', at most 64), not hold a value, got '(hidden)'",
    ],
    [
      "TF_VAR_bigip_east_user",
      "p",
      "userVariable starts with TF_VAR_, got 'TF_VAR_bigip_east_user'",
    ],
  ])("rejects %s and %s", (user, password, message) => {
    expect(build(user, password)).toThrow(`DeviceCredentials east/device_credentials: ${message}`);
  });

  test("accepts two variable names", () => {
    expect(build("bigip_east_user", "bigip_east_password")).not.toThrow();
  });
});

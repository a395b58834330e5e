/**
 * One provider release everywhere: the stacks' pin, the schema the bindings are generated from,
 * and cdktf.json all name the release the integration suite runs.
 */
import { readFileSync } from "node:fs";
import {
  BIGIP_PROVIDER_SOURCE,
  BIGIP_PROVIDER_VERSION,
  requiredProviderVersion,
} from "../../lib/terraform-requirements";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

test("the pin is an exact release, not a range", () => {
  expect(BIGIP_PROVIDER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
});

test("the bindings' schema is the pinned release's", () => {
  const schema = readJson("providers/bigip/schema.json");
  expect(schema.provider_versions).toEqual({ [BIGIP_PROVIDER_SOURCE]: BIGIP_PROVIDER_VERSION });
});

test("cdktf.json names the pinned release", () => {
  expect(readJson("cdktf.json").terraformProviders).toEqual([
    `F5Networks/bigip@${BIGIP_PROVIDER_VERSION}`,
  ]);
});

describe("DA_MANAGE_OUT_PROVIDER_VERSION", () => {
  test("unset or empty: the pin", () => {
    expect(requiredProviderVersion({})).toBe(BIGIP_PROVIDER_VERSION);
    expect(requiredProviderVersion({ DA_MANAGE_OUT_PROVIDER_VERSION: "" })).toBe(
      BIGIP_PROVIDER_VERSION,
    );
  });

  test("an exact release: that release", () => {
    expect(requiredProviderVersion({ DA_MANAGE_OUT_PROVIDER_VERSION: "1.24.1" })).toBe("1.24.1");
  });

  test.each(["~> 1.24", ">= 1.28.0", "1.28", "v1.28.0", '1.28.0"\n}', "1.28.0-beta"])(
    "rejects %j, which is not one exact release",
    (value) => {
      expect(() => requiredProviderVersion({ DA_MANAGE_OUT_PROVIDER_VERSION: value })).toThrow(
        `DA_MANAGE_OUT_PROVIDER_VERSION must be an exact provider release such as ${BIGIP_PROVIDER_VERSION}, got ${JSON.stringify(value)}; unset it to use the tested ${BIGIP_PROVIDER_VERSION}`,
      );
    },
  );
});

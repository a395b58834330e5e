/**
 * What the synthesized stacks require of Terraform and of the BIG-IP provider: one place for the
 * constraints the stacks write and the checks `doctor` makes. No cdktf here, so the command line
 * reads them without loading cdktf.
 */

/** Oldest Terraform the synthesized configuration is written for (`terraform_data`, import blocks). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5";

/** The BIG-IP provider's registry address, as the generated bindings name it. */
export const BIGIP_PROVIDER_SOURCE = "registry.terraform.io/f5networks/bigip";

/**
 * The F5Networks/bigip release the stacks require, exactly: the one the integration suite runs
 * and whose schema the bindings are generated from (providers/bigip/schema.json). A newer release
 * is tried with `DA_MANAGE_OUT_PROVIDER_VERSION` before the pin moves (README, "A newer provider
 * release").
 */
export const BIGIP_PROVIDER_VERSION = "1.28.0";

/** The environment variable that makes the stacks require another provider release. */
export const PROVIDER_VERSION_VARIABLE = "DA_MANAGE_OUT_PROVIDER_VERSION";

/**
 * The provider release the stacks require: `DA_MANAGE_OUT_PROVIDER_VERSION` when set (an exact
 * version, `1.29.0`), else the tested pin. Throws on any other form: a range would let
 * `terraform init` pick a release nobody named.
 */
export function requiredProviderVersion(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const value = env[PROVIDER_VERSION_VARIABLE];
  if (value === undefined || value === "") return BIGIP_PROVIDER_VERSION;
  if (!/^\d{1,4}\.\d{1,4}\.\d{1,4}$/.test(value)) {
    throw new Error(
      `${PROVIDER_VERSION_VARIABLE} must be an exact provider release such as ${BIGIP_PROVIDER_VERSION}, got ${JSON.stringify(value.slice(0, 40))}; unset it to use the tested ${BIGIP_PROVIDER_VERSION}`,
    );
  }
  return value;
}

/** Oldest Terraform with ephemeral input variables: stacks with `bigip.credentials` need it. */
export const EPHEMERAL_VARIABLES_TERRAFORM_VERSION = ">= 1.10";

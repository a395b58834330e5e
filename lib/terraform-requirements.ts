/**
 * What the synthesized stacks require of Terraform and of the BIG-IP provider: one place for the
 * constraints the stacks write and the checks `doctor` makes. No cdktf here, so the command line
 * reads them without loading cdktf.
 */

/** Oldest Terraform the synthesized configuration is written for (`terraform_data`, import blocks). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5";

/** The BIG-IP provider's registry address, as the generated bindings name it. */
export const BIGIP_PROVIDER_SOURCE = "registry.terraform.io/f5networks/bigip";

/** Provider versions accepted; the IPv6 workarounds were verified with 1.24.1. */
export const BIGIP_PROVIDER_VERSION = "~> 1.24";

/** Oldest Terraform with ephemeral input variables: stacks with `bigip.credentials` need it. */
export const EPHEMERAL_VARIABLES_TERRAFORM_VERSION = ">= 1.10";

import type { TerraformResource } from "cdktf";

/**
 * A resource's Terraform address, `<type>.<name>`, as a plain string. Use it in
 * `lifecycle.replaceTriggeredBy`: cdktf 0.21 renders a construct there as `"${terraform_data.x}"`,
 * which Terraform rejects in `cdk.tf.json`.
 */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

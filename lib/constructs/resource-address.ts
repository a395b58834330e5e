/**
 * Plain-text Terraform addresses and references between this project's own resources.
 *
 * cdktf expresses a reference (`resource.name`, `dependsOn: [resource]`) as a token, and every
 * token captures the full JavaScript stack trace where it is created, kept for error messages.
 * At fleet scale that is most of the construct time and a large part of the memory of a synth
 * (four tokens per DA server; see docs/performance.md). Between resources of the same stack the
 * reference is known text, so it is written as text; the synthesized JSON is the same.
 */
import { dependable, TerraformResource, type ITerraformDependable } from "./cdk";

/**
 * A resource's Terraform address, `<type>.<name>`, as a plain string. Use it in
 * `lifecycle.replaceTriggeredBy`: cdktf 0.21 renders a construct there as `"${terraform_data.x}"`,
 * which Terraform rejects in `cdk.tf.json`.
 */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/**
 * The interpolation of a resource's attribute, `${<type>.<name>.<attribute>}`, as cdktf renders
 * `resource.<attribute>` within the resource's own stack, without creating a token.
 * @param attribute the attribute's Terraform name, e.g. `name`
 */
export function attributeReference(resource: TerraformResource, attribute: string): string {
  return `\${${resourceAddress(resource)}.${attribute}}`;
}

/**
 * Adds `dependencies` to `resource`'s `depends_on`, after those it already has: a resource by its
 * address (no token), anything else (a module...) as cdktf's `dependsOn` would.
 */
export function addDependencies(
  resource: TerraformResource,
  dependencies: readonly ITerraformDependable[] | undefined,
): void {
  if (!dependencies?.length) return;
  resource.dependsOn = [
    ...(resource.dependsOn ?? []),
    ...dependencies.map((dependency) =>
      TerraformResource.isTerraformResource(dependency)
        ? resourceAddress(dependency)
        : dependable(dependency),
    ),
  ];
}

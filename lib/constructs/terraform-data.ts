import {
  anyToHclTerraform,
  anyToTerraform,
  hashMapper,
  hashMapperHcl,
  TerraformResource,
} from "./cdk";
import type { Construct } from "constructs";

/**
 * Terraform's built-in `terraform_data` resource, holding an `input` value; used as a replacement
 * trigger. cdktf's own `DataResource` adds a version check to every instance that runs
 * `terraform version` in a child process at synth (about 40 ms each: 13 s of a 320-server synth).
 * The stacks already require Terraform >= 1.5 through `required_version`, so this class goes
 * without that check.
 */
export class TerraformData extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = "terraform_data";

  /**
   * @param input the value to store; a change of it is an update of this resource, which
   * triggers the replacement of every resource naming it in `replace_triggered_by`
   */
  constructor(
    scope: Construct,
    id: string,
    private readonly input: Record<string, unknown>,
  ) {
    super(scope, id, {
      terraformResourceType: TerraformData.tfResourceType,
      terraformGeneratorMetadata: { providerName: "terraform" },
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { input: hashMapper(anyToTerraform)(this.input) };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { input: hashMapperHcl(anyToHclTerraform)(this.input) };
  }
}

/**
 * The device's own login for stacks whose inventory names it (`bigip.credentials`): two
 * Terraform variables, sensitive and ephemeral, that Terraform reads from `TF_VAR_<name>`. Each
 * stack names its own, so one `cdktf deploy a b` can log in to two devices with two accounts. An
 * ephemeral variable (Terraform >= 1.10) is kept out of saved plans and state, and a sensitive
 * one out of plan output: the password reaches neither `cdktf.out/`, nor state, nor logs.
 */
import { TerraformVariable, type TerraformStack } from "./cdk";
import { Construct } from "constructs";
import type { Invalid } from "../validation/entry-values";
import { EPHEMERAL_VARIABLES_TERRAFORM_VERSION } from "../terraform-requirements";
import {
  credentialVariableProblem,
  distinctVariablesProblem,
  shownVariableName,
} from "../validation/credential-variables";
import { propError, requireLiteral } from "./prop-error";

/** Props of the credential variables. */
export interface DeviceCredentialsProps {
  /** Name of the user name's variable, e.g. `bigip_east_user`. */
  readonly userVariable: string;
  /** Name of the password's variable, e.g. `bigip_east_password`. */
  readonly passwordVariable: string;
}

/** The two variables; `username` and `password` are references for the provider. */
export class DeviceCredentials extends Construct {
  /** Reference to the user name, `${var.<userVariable>}`. */
  public readonly username: string;
  /** Reference to the password, `${var.<passwordVariable>}`. */
  public readonly password: string;

  constructor(scope: TerraformStack, id: string, props: DeviceCredentialsProps) {
    super(scope, id);
    checkNames(this, props);
    this.username = loginVariable(this, props.userVariable, "user name").stringValue;
    this.password = loginVariable(this, props.passwordVariable, "password").stringValue;
    scope.addOverride("terraform.required_version", EPHEMERAL_VARIABLES_TERRAFORM_VERSION);
  }
}

function loginVariable(scope: Construct, name: string, what: string): TerraformVariable {
  const variable = new TerraformVariable(scope, name, {
    type: "string",
    sensitive: true,
    nullable: false,
    description: `The BIG-IP ${what} of this stack's device; set TF_VAR_${name} where Terraform runs`,
  });
  variable.overrideLogicalId(name);
  // cdktf 0.21 has no ephemeral option; Terraform >= 1.10 takes the attribute.
  variable.addOverride("ephemeral", true);
  return variable;
}

/**
 * The checks of the inventory's device-credentials rule (lib/validation/credential-variables.ts),
 * for a stack built from an inventory that was not validated. A name that is not a variable name
 * is not shown: it may be the credential itself.
 */
function checkNames(credentials: Construct, props: DeviceCredentialsProps): void {
  const fail = (prop: string, problem: Invalid, name: string) =>
    propError("DeviceCredentials", credentials, prop, problem, shownVariableName(name));
  for (const prop of ["userVariable", "passwordVariable"] as const) {
    requireLiteral("DeviceCredentials", credentials, prop, props[prop], "give the variable's name");
    const problem = credentialVariableProblem(props[prop], prop);
    if (problem) throw fail(prop, problem, props[prop]);
  }
  const same = distinctVariablesProblem(props, "userVariable");
  if (same) throw fail("passwordVariable", same, props.passwordVariable);
}

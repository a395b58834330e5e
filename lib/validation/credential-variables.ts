/**
 * What makes the names of a device's credential variables (`bigip.credentials`, the
 * `DeviceCredentials` construct) valid, without cdktf: Terraform variables that Terraform
 * declares and a shell exports as `TF_VAR_<name>`, one for the user name and another for the
 * password. The inventory rules add the position; the construct adds its path.
 */
import { HIDDEN } from "../io/show-value";
import type { Invalid } from "./entry-values";

/**
 * A Terraform variable name that a shell can export as `TF_VAR_<name>`: Terraform allows hyphens
 * too, but no shell takes them in a variable name.
 */
export const TERRAFORM_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Names Terraform refuses for a variable ("The variable name "count" is reserved due to its
 * special meaning inside module blocks"), so `terraform init` fails: the arguments and blocks of a
 * module block (hashicorp/terraform `internal/configs/named_values.go`, decodeVariableBlock, with
 * `moduleBlockSchema` of `internal/configs/module_call.go`; `ignore_nested_deprecations` since
 * 1.15, reserved here for every version).
 */
export const RESERVED_VARIABLE_NAMES: ReadonlySet<string> = new Set([
  "source",
  "version",
  "count",
  "for_each",
  "depends_on",
  "providers",
  "ignore_nested_deprecations",
  "_",
  "lifecycle",
  "locals",
  "provider",
]);

/** The two roles of a credential variable, with an example name of each. */
export const CREDENTIAL_ROLES = {
  userVariable: { what: "user name", example: "bigip_east_user" },
  passwordVariable: { what: "password", example: "bigip_east_password" },
} as const;

/** The key of a credential variable: `userVariable` or `passwordVariable`. */
export type CredentialRole = keyof typeof CREDENTIAL_ROLES;

/** The two variable names of a device's login. */
export interface CredentialVariables {
  readonly userVariable: string;
  readonly passwordVariable: string;
}

/**
 * Whether `name` can be shown in a message: a variable name, possibly with `TF_VAR_` before it.
 * Anything else may be the credential itself, written where its variable's name belongs.
 */
export function isShowableName(name: string): boolean {
  return TERRAFORM_VARIABLE_NAME.test(name.replace(/^TF_VAR_/i, ""));
}

/** A credential variable's name as a message shows it: hidden unless it is a name. */
export function shownVariableName(name: string): string {
  return isShowableName(name) ? name : HIDDEN;
}

/**
 * The name of one credential variable: no `TF_VAR_` before it, a name a shell exports, and not a
 * name Terraform reserves.
 */
export function credentialVariableProblem(name: string, role: CredentialRole): Invalid | undefined {
  const { example } = CREDENTIAL_ROLES[role];
  if (/^TF_VAR_/i.test(name) && TERRAFORM_VARIABLE_NAME.test(name.slice(7))) {
    return {
      reason: "starts with TF_VAR_",
      hint: `give the variable's name, ${name.slice(7)}; Terraform reads it from the environment variable ${name}`,
    };
  }
  if (!TERRAFORM_VARIABLE_NAME.test(name)) {
    return {
      reason:
        "must name a Terraform variable (letters, digits and '_', at most 64), not hold a value",
      hint: `e.g. ${example}, set on the machine that deploys as TF_VAR_${example}; never write the credential itself into the inventory`,
    };
  }
  if (RESERVED_VARIABLE_NAMES.has(name)) {
    return {
      reason: "is a name Terraform reserves for module blocks, which no variable may have",
      hint: `terraform init would fail; choose another name, e.g. ${example}`,
    };
  }
  return undefined;
}

/**
 * Whether two variable names read one environment variable somewhere: names that differ only in
 * case are one on Windows, whose environment variable names ignore case (.NET
 * `Environment.GetEnvironmentVariable`: "case-sensitive on Unix-like systems but aren't
 * case-sensitive on Windows").
 */
export function sameEnvironmentVariable(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The password variable of a login when it is the user name's variable too, or differs from it
 * only in case: the device would get the password as the user name.
 * @param userVariable how to name the user name's variable in the reason
 */
export function distinctVariablesProblem(
  credentials: CredentialVariables,
  userVariable: string,
): Invalid | undefined {
  const { userVariable: user, passwordVariable: password } = credentials;
  if (!sameEnvironmentVariable(user, password)) return undefined;
  const hint = `name two variables, e.g. ${CREDENTIAL_ROLES.userVariable.example} and ${CREDENTIAL_ROLES.passwordVariable.example}`;
  return user === password
    ? { reason: `is the same variable as ${userVariable}`, hint }
    : {
        reason: `differs from ${userVariable} only in case: on Windows both read one environment variable`,
        hint,
      };
}

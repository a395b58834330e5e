import { showValue } from "../../io/show-value";
import {
  CREDENTIAL_ROLES,
  sameEnvironmentVariable,
  TERRAFORM_VARIABLE_NAME,
} from "../../validation/credential-variables";
import type { Problem } from "../problem";
import type { CrossFileRule } from "./rule";

/**
 * Across stacks, no Terraform variable is one stack's password and another's user name. The
 * stacks of one `cdktf deploy` read the same `TF_VAR_` environment, so the second device would
 * get the first one's password as a user name, and a refused login's user name goes to that
 * device's logs. Two stacks may share a variable in the same role: they log in with one account,
 * as every stack without `bigip.credentials` does with BIGIP_USER and BIGIP_PASSWORD. Names that
 * differ only in case count as one: on Windows they read one environment variable.
 */
export const credentialVariableRoles: CrossFileRule = {
  id: "credential-variable-roles",
  summary:
    "no Terraform variable is one stack's bigip.credentials.passwordVariable and another's userVariable (ignoring case)",
  check(files) {
    const passwords = files.flatMap(({ inventory }) => {
      const credentials = inventory.bigip.credentials;
      return credentials ? [{ inventory, name: credentials.passwordVariable }] : [];
    });
    const problems: Problem[] = [];
    for (const { inventory, source } of files) {
      const user = inventory.bigip.credentials?.userVariable;
      if (user === undefined) continue;
      // The same stack's two variables are the device-credentials rule's.
      const password = passwords.find(
        (other) => other.inventory !== inventory && sameEnvironmentVariable(other.name, user),
      );
      if (!password) continue;
      const { stackName, file } = password.inventory;
      const spelling =
        password.name === user
          ? ""
          : ` (as ${password.name}, which differs only in case: one environment variable on Windows)`;
      problems.push(
        source.problemAt(["bigip", "credentials", "userVariable"], {
          message: `is the password variable of stack ${stackName} (${showValue(file)})${spelling}`,
          value: user,
          hint: `this device would get that password as its user name: give this stack a user name variable of its own, e.g. ${userVariableFor(inventory.stackName)}`,
        }),
      );
    }
    return problems;
  },
};

/** An example user name variable for a stack: `bigip_<stack>_user`, when that is a valid name. */
function userVariableFor(stackName: string): string {
  const name = `bigip_${stackName.replace(/[^A-Za-z0-9_]/g, "_")}_user`;
  return TERRAFORM_VARIABLE_NAME.test(name) ? name : CREDENTIAL_ROLES.userVariable.example;
}

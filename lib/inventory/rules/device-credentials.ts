import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/**
 * A Terraform variable name that a shell can export as `TF_VAR_<name>`: Terraform allows hyphens
 * too, but no shell takes them in a variable name.
 */
export const TERRAFORM_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Rule: `bigip.credentials` names two different Terraform variables. The values are never shown:
 * a value that is not a variable name may well be the password itself.
 */
export const deviceCredentials: InventoryRule = {
  id: "device-credentials",
  summary:
    "bigip.credentials names two different Terraform variables (letters, digits and '_', without TF_VAR_), never a user name or password",
  check({ source, document }) {
    const credentials = document.bigip.credentials;
    if (!credentials) return [];
    const problems: Problem[] = [];
    for (const key of ["userVariable", "passwordVariable"] as const) {
      const name = credentials[key];
      const path = ["bigip", "credentials", key];
      if (/^TF_VAR_/i.test(name) && TERRAFORM_VARIABLE_NAME.test(name.slice(7))) {
        problems.push(
          source.problemAt(path, {
            message: "starts with TF_VAR_",
            value: name,
            hint: `give the variable's name, ${name.slice(7)}; Terraform reads it from the environment variable ${name}`,
          }),
        );
      } else if (!TERRAFORM_VARIABLE_NAME.test(name)) {
        problems.push(
          source.problemAt(path, {
            message:
              "must name a Terraform variable (letters, digits and '_', at most 64), not hold a value",
            value: "(hidden)",
            hint: "e.g. bigip_east_password, set on the machine that deploys as TF_VAR_bigip_east_password; never write the credential itself into the inventory",
          }),
        );
      }
    }
    if (credentials.userVariable === credentials.passwordVariable) {
      problems.push(
        source.problemAt(["bigip", "credentials", "passwordVariable"], {
          message: "is the same variable as bigip.credentials.userVariable",
          value: credentials.passwordVariable,
          hint: "name two variables, e.g. bigip_east_user and bigip_east_password",
        }),
      );
    }
    return problems;
  },
};

import {
  credentialVariableProblem,
  distinctVariablesProblem,
  shownVariableName,
} from "../../validation/credential-variables";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/**
 * Rule: `bigip.credentials` names two different Terraform variables that Terraform declares. A
 * value that is not a variable name is never shown: it may well be the password itself.
 */
export const deviceCredentials: InventoryRule = {
  id: "device-credentials",
  summary:
    "bigip.credentials names two different Terraform variables (letters, digits and '_', without TF_VAR_, not differing only in case, no name Terraform reserves such as count), never a user name or password",
  check({ source, document }) {
    const credentials = document.bigip.credentials;
    if (!credentials) return [];
    const problems: Problem[] = [];
    for (const key of ["userVariable", "passwordVariable"] as const) {
      const name = credentials[key];
      const problem = credentialVariableProblem(name, key);
      if (!problem) continue;
      problems.push(
        source.problemAt(["bigip", "credentials", key], {
          message: problem.reason,
          value: shownVariableName(name),
          hint: problem.hint,
        }),
      );
    }
    const same = distinctVariablesProblem(credentials, "bigip.credentials.userVariable");
    if (same) {
      problems.push(
        source.problemAt(["bigip", "credentials", "passwordVariable"], {
          message: same.reason,
          value: shownVariableName(credentials.passwordVariable),
          hint: same.hint,
        }),
      );
    }
    return problems;
  },
};

import { BACKEND_SECRET_KEYS } from "../backend-schema";
import type { InventoryRule } from "./rule";

/** Rule: no secret in `terraform.backend`; inventories live in git. */
export const backendCredentials: InventoryRule = {
  id: "backend-credentials",
  summary: `terraform.backend holds no secret (${BACKEND_SECRET_KEYS.join(", ")})`,
  check({ source, document }) {
    const backend = document.terraform?.backend ?? {};
    return Object.keys(backend)
      .filter((key) => BACKEND_SECRET_KEYS.includes(key))
      .map((key) =>
        source.problemAt(["terraform", "backend", key], {
          message: "is a secret, and inventories are committed to git",
          value: "(hidden)",
          hint: "remove it and give the backend its credentials through its environment variables (see the Terraform documentation of the backend)",
        }),
      );
  },
};

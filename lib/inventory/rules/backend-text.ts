import { HIDDEN, hasInvisible } from "../../io/show-value";
import type { KeyPath } from "../key-path";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/**
 * Rule: the strings of `terraform.backend` hold no control, invisible or bidirectional formatting
 * character. Names, paths and addresses elsewhere are refused by their own rules; backend settings
 * are free text, where a right-to-left override would make a bucket or key read in a review as
 * another than Terraform uses (Trojan Source, CVE-2021-42574). The value is never shown: backend
 * settings may hold secrets.
 */
export const backendText: InventoryRule = {
  id: "backend-text",
  summary:
    "terraform.backend strings hold no control (but line breaks and tabs), invisible or bidirectional formatting character",
  check({ source, document }) {
    const backend = document.terraform?.backend;
    if (!backend) return [];
    const problems: Problem[] = [];
    const visit = (value: unknown, path: KeyPath): void => {
      if (typeof value === "string") {
        // Line breaks and tabs belong to PEM certificates (client_ca_certificate_pem...).
        if (hasInvisible(value.replace(/[\n\r\t]/g, ""))) {
          problems.push(
            source.problemAt(path, {
              message:
                "holds a control, invisible or bidirectional formatting character, which would make it read otherwise than Terraform uses it",
              value: HIDDEN,
              hint: "retype the value; it is plain text",
            }),
          );
        }
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => visit(item, [...path, index]));
      } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
      }
    };
    visit(backend, ["terraform", "backend"]);
    return problems;
  },
};

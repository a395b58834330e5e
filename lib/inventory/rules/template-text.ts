import { HIDDEN } from "../../io/show-value";
import type { KeyPath } from "../key-path";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/**
 * Text that cdktf or Terraform would read as something other than text: cdktf's token markers
 * (`${TfToken[TOKEN.1]}`, the list form `#{TfToken[...]}`) turn a string into a reference the author
 * never wrote, or crash synth; Terraform's template sequences (`${...}`, `%{...}`) would be
 * evaluated as expressions.
 */
const TEMPLATE_TEXT = /\$\{|%\{|#\{|TfToken\[/;

/**
 * Rule: every string of an inventory reaches cdktf and Terraform as plain text, and every number
 * as a plain number. cdktf encodes number references as doubles near ±1.9e289, far outside the
 * whole numbers an inventory holds (route domains, retry counts): numbers must be safe integers.
 */
export const templateText: InventoryRule = {
  id: "template-text",
  summary:
    "no string holds ${, %{, #{ or TfToken[ (cdktf token markers and Terraform templates would turn it into a reference), and every number is a whole number of at most 2^53",
  check({ source }) {
    const problems: Problem[] = [];
    const visit = (value: unknown, path: KeyPath): void => {
      if (typeof value === "string") {
        if (TEMPLATE_TEXT.test(value)) {
          problems.push(
            source.problemAt(path, {
              message:
                "holds ${, %{, #{ or TfToken[, which cdktf or Terraform would read as a reference or an expression, not as text",
              // Backend settings may be secrets: their values are never shown.
              value: path[0] === "terraform" ? HIDDEN : value,
              hint: "write the value itself; an inventory holds plain values only",
            }),
          );
        }
      } else if (typeof value === "number") {
        if (!Number.isSafeInteger(value)) {
          problems.push(
            source.problemAt(path, {
              message: "must be a whole number of at most 2^53 (9007199254740992)",
              value: String(value),
              hint: "inventories hold whole numbers only (route domains, retry counts)",
            }),
          );
        }
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => visit(item, [...path, index]));
      } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) {
          if (TEMPLATE_TEXT.test(key)) {
            problems.push(
              source.problemAt(
                [...path, key],
                {
                  message: "is a key holding ${, %{, #{ or TfToken[",
                  hint: "keys are plain names",
                },
                "key",
              ),
            );
          }
          visit(item, [...path, key]);
        }
      }
    };
    visit(source.data, []);
    return problems;
  },
};

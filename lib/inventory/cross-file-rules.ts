/** The rules across inventory files, run together (each rule is a file in rules/). */
import type { Problem } from "./problem";
import { CROSS_FILE_RULES } from "./rules/rule-set";
import type { CheckedInventoryFile } from "./rules/rule";

export type { CheckedInventoryFile } from "./rules/rule";

/** Every cross-file problem of a set of inventory files, each tagged with its rule's id. */
export function crossFileProblems(files: readonly CheckedInventoryFile[]): Problem[] {
  return CROSS_FILE_RULES.flatMap((rule) =>
    rule.check(files).map((problem) => ({ ...problem, rule: rule.id })),
  );
}

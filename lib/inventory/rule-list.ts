/** The rules an inventory must pass, as the public API describes them: id and summary. */
import { CROSS_FILE_RULES, INVENTORY_RULES } from "./rules/rule-set";

/** A rule: its stable id (a file in lib/inventory/rules/) and what it requires. */
export interface RuleDescription {
  readonly id: string;
  readonly summary: string;
  /** True for the rules that compare inventory files with each other. */
  readonly acrossFiles: boolean;
}

/** Every rule, per file first, then across files, in the order they are applied. */
export const RULES: readonly RuleDescription[] = [
  ...INVENTORY_RULES.map(({ id, summary }) => ({ id, summary, acrossFiles: false })),
  ...CROSS_FILE_RULES.map(({ id, summary }) => ({ id, summary, acrossFiles: true })),
];

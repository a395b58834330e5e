/** The shape of an inventory rule: one check, with an id and a one-line summary for the docs. */
import { shapeFindings, type ShapeRule } from "../client-prefix-shape";
import type { Inventory } from "../inventory";
import type { InventoryAddresses } from "../inventory-addresses";
import type { InventoryDocument } from "../inventory-schema";
import type { InventorySource } from "../inventory-source";
import type { KeyPath } from "../key-path";
import { formatKeyPath } from "../key-path";
import type { Problem } from "../problem";

/** What a rule sees of one inventory file that passed the schema. */
export interface RuleContext {
  readonly source: InventorySource;
  readonly document: InventoryDocument;
  readonly addresses: InventoryAddresses;
}

/** One check of one inventory file. */
export interface InventoryRule {
  /** Stable id, used in docs and tests, e.g. `prefix-host-bits`. */
  readonly id: string;
  /** What the rule requires, in one line. */
  readonly summary: string;
  check(context: RuleContext): Problem[];
}

/** One inventory file that passed its own checks, as the rules across files see it. */
export interface CheckedInventoryFile {
  readonly inventory: Inventory;
  readonly source: InventorySource;
  readonly addresses: InventoryAddresses;
}

/** One check across all inventory files. */
export interface CrossFileRule {
  /** Stable id, used in docs and tests, e.g. `stack-names`. */
  readonly id: string;
  /** What the rule requires, in one line. */
  readonly summary: string;
  check(files: readonly CheckedInventoryFile[]): Problem[];
}

/** `entryPoints[0].servers[1] (da-east-2)`: a server as a reader finds it in the file. */
export function describeServer(
  document: InventoryDocument,
  entryPoint: number,
  server: number,
): string {
  const name = document.entryPoints[entryPoint].servers[server].name;
  return `${formatKeyPath(["entryPoints", entryPoint, "servers", server])} (${name})`;
}

/** The key path of a server, `["entryPoints", e, "servers", s]`. */
export function serverPath(entryPoint: number, server: number): KeyPath {
  return ["entryPoints", entryPoint, "servers", server];
}

/** The client prefix shape findings (lib/inventory/client-prefix-shape.ts) that are `rule`'s. */
export function reportShape(
  rule: ShapeRule,
  { source, document, addresses }: RuleContext,
): Problem[] {
  const problems: Problem[] = [];
  for (const [entry, finding] of shapeFindings(document, addresses)) {
    if (finding.rule !== rule) continue;
    problems.push(
      source.problemAt(entry.path, {
        message: finding.message,
        value: entry.text,
        hint: finding.hint,
      }),
    );
  }
  return problems;
}

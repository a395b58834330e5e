/** The shape of an inventory rule: one check, with an id and a one-line summary for the docs. */
import { shapeFindings, type ShapeRule } from "../client-prefix-shape";
import type { Inventory } from "../inventory";
import type { InventoryAddresses } from "../inventory-addresses";
import type { InventoryDocument } from "../inventory-schema";
import type { InventorySource } from "../inventory-source";
import type { KeyPath } from "../key-path";
import { formatKeyPath } from "../key-path";
import type { Problem } from "../problem";
import type { Invalid } from "../../validation/entry-values";

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

/**
 * One problem per entry whose value `problemOf` finds wrong, at the entry's position, with the
 * value written as found: the shape of every rule that checks addresses one at a time.
 */
export function valueProblems<E extends { readonly path: KeyPath; readonly text: string }>(
  source: InventorySource,
  entries: readonly E[],
  problemOf: (entry: E) => Invalid | undefined | false,
): Problem[] {
  const problems: Problem[] = [];
  for (const entry of entries) {
    const problem = problemOf(entry);
    if (!problem) continue;
    problems.push(
      source.problemAt(entry.path, {
        message: problem.reason,
        value: entry.text,
        hint: problem.hint,
      }),
    );
  }
  return problems;
}

/** The client prefix shape findings (lib/inventory/client-prefix-shape.ts) that are `rule`'s. */
export function reportShape(
  rule: ShapeRule,
  { source, document, addresses }: RuleContext,
): Problem[] {
  const findings = shapeFindings(document, addresses);
  return valueProblems(source, addresses.clientPrefixes, (entry) => {
    const finding = findings.get(entry);
    return finding?.rule === rule && { reason: finding.message, hint: finding.hint };
  });
}

/** Reads one inventory file's text into the checked model, or into the problems that prevent it. */
import * as path from "node:path";
import { InventorySource } from "./inventory-source";
import type { EntryPoint, Inventory } from "./inventory";
import { inventorySchema, type InventoryDocument } from "./inventory-schema";
import { hasErrors, type Problem } from "./problem";
import { problemFromIssue } from "./schema-issues";

/** The outcome of reading one inventory: a model when there is no error, and every problem found. */
export interface ParsedInventory {
  readonly inventory?: Inventory;
  readonly problems: readonly Problem[];
  readonly source: InventorySource;
}

/**
 * Parses and checks the structure of one inventory.
 * @param file path used in problems and for the default stack name
 * @param text the file's contents (YAML or JSON)
 */
export function parseInventory(file: string, text: string): ParsedInventory {
  const source = new InventorySource(file, text);
  if (source.syntaxProblems.length > 0) return { problems: source.syntaxProblems, source };
  if (source.data === undefined || source.data === null) {
    const problem = source.problemAt([], {
      message: "the inventory file is empty",
      hint: "write a map with the keys bigip and entryPoints (see inventories/ for an example)",
    });
    return { problems: [problem], source };
  }
  const result = inventorySchema.safeParse(source.data, { reportInput: true });
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      problemFromIssue(source, inventorySchema, issue),
    );
    return { problems, source };
  }
  const problems = missingServerPrefixes(source, result.data);
  if (hasErrors(problems)) return { problems, source };
  return { inventory: toModel(file, result.data), problems, source };
}

/** A server may omit its client prefix only when it is its entry point's only server. */
function missingServerPrefixes(source: InventorySource, document: InventoryDocument): Problem[] {
  return document.entryPoints.flatMap((entryPoint, e) =>
    entryPoint.servers.length === 1
      ? []
      : entryPoint.servers.flatMap((server, s) =>
          server.clientPrefix !== undefined
            ? []
            : [
                source.problemAt(["entryPoints", e, "servers", s, "clientPrefix"], {
                  message: `is missing, and entry point '${entryPoint.name}' has ${entryPoint.servers.length} servers`,
                  hint: "give each node of a load-balanced cluster its own /64 IP-HTTPS prefix from inside the entry point's prefix",
                }),
              ],
        ),
  );
}

function toModel(file: string, document: InventoryDocument): Inventory {
  const entryPoints: EntryPoint[] = document.entryPoints.map((entryPoint) => ({
    name: entryPoint.name,
    clientPrefix: entryPoint.clientPrefix,
    servers: entryPoint.servers.map((server) => ({
      name: server.name,
      internalAddress: server.internalAddress,
      clientPrefix: server.clientPrefix ?? entryPoint.clientPrefix,
    })),
  }));
  return {
    file,
    stackName: document.name ?? path.basename(file, path.extname(file)),
    bigip: document.bigip,
    entryPoints,
  };
}

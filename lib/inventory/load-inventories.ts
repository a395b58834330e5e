/** Finds and reads inventory files from disk. */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Inventory } from "./inventory";
import { parseInventory } from "./parse-inventory";
import type { Problem } from "./problem";

/** File name endings read as inventories. */
export const INVENTORY_EXTENSIONS = [".yaml", ".yml", ".json"];

/** Every inventory file directly inside `directory`, sorted by name. */
export function listInventoryFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => INVENTORY_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .sort()
    .map((name) => path.join(directory, name));
}

/** The inventories read from `files`, and every problem found in any of them. */
export interface LoadedInventories {
  readonly inventories: readonly Inventory[];
  readonly problems: readonly Problem[];
}

/** Reads and checks each file; a file with errors contributes problems but no inventory. */
export function loadInventories(files: readonly string[]): LoadedInventories {
  const inventories: Inventory[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const parsed = parseInventory(file, readFileSync(file, "utf8"));
    problems.push(...parsed.problems);
    if (parsed.inventory) inventories.push(parsed.inventory);
  }
  return { inventories, problems };
}

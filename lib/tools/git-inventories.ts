/** The inventories as they were at a git ref, for comparing a change with its base. */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { showValue } from "../io/show-value";
import { INVENTORY_EXTENSIONS, parseInventory, type Inventory } from "../inventory";

/** The inventories of `directory` at `ref`, and the files there that are not valid inventories. */
export interface InventoriesAtRef {
  readonly inventories: Inventory[];
  readonly unreadable: string[];
}

/**
 * Reads every inventory file of `directory` at git `ref`; a commit without that folder has none.
 * @param cwd a folder inside the git work tree
 * @throws Error when `ref` is not a revision of the repository
 */
export function inventoriesAtRef(ref: string, directory: string, cwd: string): InventoriesAtRef {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  // A ref starting with '-' would reach git as an option (`--output=<file>`).
  if (ref.startsWith("-"))
    throw new Error(`'${showValue(ref)}' is not a commit of this repository`);
  try {
    git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  } catch {
    throw new Error(`'${showValue(ref)}' is not a commit of this repository`);
  }
  if (!isFolderAt(git, ref, directory)) return { inventories: [], unreadable: [] };
  const files = git("ls-tree", "--name-only", `${ref}:${directory}`)
    .split("\n")
    .filter((name) => INVENTORY_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .map((name) => path.posix.join(directory, name));
  const inventories: Inventory[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    const { inventory } = parseInventory(file, git("show", `${ref}:${file}`));
    if (inventory) inventories.push(inventory);
    else unreadable.push(file);
  }
  return { inventories, unreadable };
}

/** Whether `directory` is a folder in the tree of `ref`. */
function isFolderAt(git: (...args: string[]) => string, ref: string, directory: string): boolean {
  try {
    return git("cat-file", "-t", `${ref}:${directory}`).trim() === "tree";
  } catch {
    return false;
  }
}

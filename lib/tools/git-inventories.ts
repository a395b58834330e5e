/** The inventories as they were at a git ref, for comparing a change with its base. */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { showValue } from "../io/show-value";
import {
  bytesProblem,
  isInventoryFileName,
  MAX_INVENTORY_BYTES,
  parseInventory,
  type Inventory,
} from "../inventory";

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
  // -z: file names as git stores them, newlines included; -l: each blob's size.
  const entries = git("ls-tree", "-z", "-l", `${ref}:${directory}`)
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const [meta, name] = [line.slice(0, line.indexOf("\t")), line.slice(line.indexOf("\t") + 1)];
      const [mode, type, object, size] = meta.split(/ +/);
      return { mode, type, object, size: Number(size), file: path.posix.join(directory, name) };
    })
    .filter((entry) => isInventoryFileName(entry.file));
  const inventories: Inventory[] = [];
  const unreadable: string[] = [];
  for (const entry of entries) {
    // Only regular files, as in the working tree: not a link, a submodule or a huge blob.
    const regular = entry.type === "blob" && entry.mode.startsWith("100");
    if (!regular || !(entry.size <= MAX_INVENTORY_BYTES)) {
      unreadable.push(entry.file);
      continue;
    }
    const bytes = execFileSync("git", ["cat-file", "blob", entry.object], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: MAX_INVENTORY_BYTES + 1,
    });
    const { inventory } = bytesProblem(bytes)
      ? { inventory: undefined }
      : parseInventory(entry.file, bytes.toString("utf8"));
    if (inventory) inventories.push(inventory);
    else unreadable.push(entry.file);
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

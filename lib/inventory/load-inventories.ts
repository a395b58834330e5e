/** Finds, reads and checks inventory files: each on its own, then across files. */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { crossFileProblems, type CheckedInventoryFile } from "./cross-file-rules";
import type { Inventory } from "./inventory";
import { parseInventory } from "./parse-inventory";
import type { Problem } from "./problem";
import { InputFileError, InputFileTooLargeError, readInputFile } from "../io/read-input-file";
import { showValue } from "../io/show-value";
import { bytesProblem, MAX_INVENTORY_BYTES, sizeProblem, type BytesProblem } from "./text-guards";

/** File name endings read as inventories. */
export const INVENTORY_EXTENSIONS = [".yaml", ".yml", ".json"];

/** True when a file's name ends as an inventory's does (`.yaml`, `.yml` or `.json`, any case). */
export function isInventoryFileName(name: string): boolean {
  return INVENTORY_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

/**
 * The folder of the inventories when none is named: `DA_MANAGE_OUT_INVENTORIES` when set (not
 * empty), else `inventories`. The app, the cdktf wrapper, the deploy's sync wait and the commands
 * all read this one folder, so `recover` after a deploy reads the deploy's inventories.
 */
export function inventoryFolder(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return env.DA_MANAGE_OUT_INVENTORIES || "inventories";
}

/** Every inventory file directly inside `directory`, sorted by name. */
export function listInventoryFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter(isInventoryFileName)
    .sort()
    .map((name) => path.join(directory, name));
}

/** The inventories read from a set of files, and every problem found in any of them. */
export interface LoadedInventories {
  /** The checked inventories; complete only when `problems` holds no error. */
  readonly inventories: readonly Inventory[];
  /** Errors and warnings, file by file in the order given, then cross-file ones. */
  readonly problems: readonly Problem[];
  /** Files that could not be read at all (missing, unreadable): `<file>: <reason>`. */
  readonly unreadable: readonly string[];
}

/** One inventory file as read and checked on its own. */
export interface ReadInventory {
  /** `<file>: <reason>` when the file could not be read at all (missing, a FIFO...). */
  readonly unreadable?: string;
  /** The file's text, when it is UTF-8 text of a size an inventory may have. */
  readonly text?: string;
  /** The file's own problems (size, encoding, syntax, schema, rules). */
  readonly problems: readonly Problem[];
  /** The checked file, when it has no error. */
  readonly checked?: CheckedInventoryFile;
}

/** Reads one inventory file through the safe reader and checks it on its own. */
export function readInventory(file: string): ReadInventory {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file, { maxBytes: MAX_INVENTORY_BYTES });
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    if (error instanceof InputFileTooLargeError) {
      // The same problem as for a file read whole, without reading it.
      return { problems: [wholeFileProblem(file, sizeProblem(error.size))] };
    }
    return { unreadable: `${showValue(file)}: ${error.message}`, problems: [] };
  }
  if (!isInventoryFileName(file)) {
    // README.md parses as YAML of a kind: its hundreds of "errors" would hide the real mistake.
    return {
      problems: [
        wholeFileProblem(file, {
          message: `is not an inventory: its name does not end in ${INVENTORY_EXTENSIONS.slice(0, -1).join(", ")} or ${INVENTORY_EXTENSIONS.at(-1)}`,
          hint: "give inventory files or a folder of them (default: inventories/); rename an inventory to .yaml",
        }),
      ],
    };
  }
  const badBytes = bytesProblem(bytes);
  if (badBytes) return { problems: [wholeFileProblem(file, badBytes)] };
  const text = bytes.toString("utf8");
  const parsed = parseInventory(file, text);
  const { inventory, source, addresses } = parsed;
  return {
    text,
    problems: parsed.problems,
    checked: inventory && source && addresses ? { inventory, source, addresses } : undefined,
  };
}

/** Reads and checks each file, then checks the files against each other. */
export function loadInventories(files: readonly string[]): LoadedInventories {
  const checked: CheckedInventoryFile[] = [];
  const problems: Problem[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    const read = readInventory(file);
    if (read.unreadable !== undefined) unreadable.push(read.unreadable);
    problems.push(...read.problems);
    if (read.checked) checked.push(read.checked);
  }
  problems.push(...crossFileProblems(checked));
  return { inventories: checked.map((file) => file.inventory), problems, unreadable };
}

/** A problem of a file as a whole (size, encoding), at its first line. */
function wholeFileProblem(file: string, problem: BytesProblem): Problem {
  return {
    file,
    line: 1,
    column: 1,
    severity: "error",
    path: "",
    rule: "input",
    ...problem,
    message: `the file ${problem.message}`,
  };
}

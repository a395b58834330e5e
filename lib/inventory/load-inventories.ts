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

/** Every inventory file directly inside `directory`, sorted by name. */
export function listInventoryFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => INVENTORY_EXTENSIONS.includes(path.extname(name).toLowerCase()))
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

/** Reads and checks each file, then checks the files against each other. */
export function loadInventories(files: readonly string[]): LoadedInventories {
  const checked: CheckedInventoryFile[] = [];
  const problems: Problem[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readInputFile(file, { maxBytes: MAX_INVENTORY_BYTES });
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      if (error instanceof InputFileTooLargeError) {
        // The same problem as for a file read whole, without reading it.
        problems.push(wholeFileProblem(file, sizeProblem(error.size)));
        continue;
      }
      unreadable.push(`${showValue(file)}: ${error.message}`);
      continue;
    }
    const badBytes = bytesProblem(bytes);
    if (badBytes) {
      problems.push(wholeFileProblem(file, badBytes));
      continue;
    }
    const parsed = parseInventory(file, bytes.toString("utf8"));
    problems.push(...parsed.problems);
    if (parsed.inventory && parsed.source && parsed.addresses) {
      checked.push({
        inventory: parsed.inventory,
        source: parsed.source,
        addresses: parsed.addresses,
      });
    }
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

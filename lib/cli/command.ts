/** The shape every da-manage-out command has, and the pieces they share. */
import { lstatSync } from "node:fs";
import type { ParseArgsConfig } from "node:util";
import {
  formatProblem,
  hasErrors,
  inventoryFolder,
  listInventoryFiles,
  loadInventories,
  type Inventory,
} from "../inventory";
import { showValue } from "../io/show-value";
import { EXIT } from "./exit-codes";
import type { Output } from "./output";

/** Parsed command-line values of a command. */
export type CommandValues = Record<string, string | boolean | string[] | undefined>;

/** One `da-manage-out <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The whole `--help` text. */
  readonly help: string;
  /** Its options, as `util.parseArgs` takes them (`--help` is added for every command). */
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /**
   * Its arguments reach `run` as they are, as positionals (`deploy` and `cdktf` hand cdktf's
   * options on); only a first argument `--help` or `-h` shows the help. @default false
   */
  readonly passThrough?: boolean;
  /**
   * Runs the command; returns the exit code (a promise for commands that talk to the device).
   * Throws (or rejects with) `UsageError` for wrong usage.
   */
  run(values: CommandValues, positionals: string[], out: Output): number | Promise<number>;
}

/** Wrong usage: the message is printed and the exit code is 2. */
export class UsageError extends Error {}

/** The output formats of the commands that print for people or for a job. */
const TEXT_OR_JSON = ["text", "json"] as const;

/** The `--format` value, checked against what the command supports (text or json by default). */
export function formatOption(values: CommandValues): (typeof TEXT_OR_JSON)[number];
export function formatOption<T extends string>(values: CommandValues, allowed: readonly T[]): T;
export function formatOption(
  values: CommandValues,
  allowed: readonly string[] = TEXT_OR_JSON,
): string {
  const format = (values.format ?? allowed[0]) as string;
  if (!allowed.includes(format)) {
    throw new UsageError(`--format must be one of ${allowed.join(", ")}, got '${format}'`);
  }
  return format;
}

/**
 * Reads and checks the inventories named on the command line (default: `inventories/`), printing
 * every problem on stderr.
 * @returns the inventories, or the exit code when any is invalid (1) or unreadable (2)
 */
export function checkedInventories(files: string[], out: Output): Inventory[] | number {
  const { inventories, problems, unreadable } = loadInventories(inventoryFiles(files));
  for (const reason of unreadable) out.stderr(`da-manage-out: cannot read ${reason}\n`);
  for (const problem of problems) out.stderr(formatProblem(problem) + "\n");
  if (unreadable.length > 0) return EXIT.usage;
  if (hasErrors(problems)) return EXIT.invalidInput;
  return [...inventories];
}

/**
 * The files named on the command line (a folder stands for its inventory files, as inventories/
 * does), or every inventory file in `inventoryFolder()` (`inventories/`, or
 * DA_MANAGE_OUT_INVENTORIES). A link is left to the safe reader, which
 * refuses one that leaves the repository.
 */
export function inventoryFiles(files: string[]): string[] {
  if (files.length > 0) {
    return files.flatMap((file) => {
      let folder = false;
      try {
        folder = lstatSync(file).isDirectory();
      } catch {
        folder = false; // the reader says what is wrong with it
      }
      if (!folder) return [file];
      const found = listInventoryFiles(file);
      if (found.length === 0) {
        throw new UsageError(
          `no inventory files (.yaml, .yml, .json) in the folder ${showValue(file)}`,
        );
      }
      return found;
    });
  }
  const folder = inventoryFolder();
  let found: string[];
  try {
    found = listInventoryFiles(folder);
  } catch {
    throw new UsageError(`no inventory files given, and no ${showValue(folder)}/ folder here`);
  }
  if (found.length === 0) throw new UsageError(`no inventory files found in ${showValue(folder)}/`);
  return found;
}

/** The `--stack` option of the commands that talk to devices: only the stacks named. */
export const STACK_OPTION = { stack: { type: "string", multiple: true } } as const;

/**
 * The checked inventories of the stacks `--stack` names (all without it), for the commands that
 * talk to devices; problems on stderr, and a usage error for an unknown stack.
 * @returns the inventories, or the exit code of `checkedInventories`
 */
export function checkedStacks(
  files: string[],
  values: CommandValues,
  out: Output,
): Inventory[] | number {
  const checked = checkedInventories(files, out);
  return typeof checked === "number" ? checked : selectedStacks(checked, values);
}

/** The inventories of the stacks `--stack` names (all without it); a usage error for an unknown one. */
function selectedStacks(inventories: Inventory[], values: CommandValues): Inventory[] {
  const names = values.stack as string[] | undefined;
  if (names === undefined) return inventories;
  const known = new Set(inventories.map((inventory) => inventory.stackName));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--stack ${showValue(unknown[0])} names no stack of the inventories (${[...known].join(", ")})`,
    );
  }
  return inventories.filter((inventory) => names.includes(inventory.stackName));
}

/**
 * `changes`: which stacks a change touches, from the parsed inventories (the same parser as
 * everything else: comments, quoting, JSON files and `name:` handled once), never from text
 * matching. A stack is changed when its inventory differs in meaning from the base; whitespace,
 * comments and the order of entry points and servers do not count.
 */
import { execFileSync } from "node:child_process";
import type { Inventory } from "../inventory";
import { hasLocalState } from "../inventory/state-location";
import { byKey } from "../text";
import { configurationCode } from "./configuration-code";
import { inventoriesAtRef } from "./git-inventories";

/** Which stacks a change touches. */
export interface StackChanges {
  /** The git ref compared with. */
  readonly base: string;
  /** Stacks that are new, differ in meaning, or all of them when configuration code changed. */
  readonly changed: readonly string[];
  /** Stacks whose inventory existed at the base and no longer does. */
  readonly removed: readonly string[];
  /** Why every stack is in `changed`, when it is. */
  readonly reason?: string;
  /** Base files that are not valid inventories (their stacks cannot be named). */
  readonly unreadableAtBase: readonly string[];
  /**
   * Changed or removed stacks that keep their state in a local file: CI must refuse to deploy
   * them (a fresh checkout has no state, and a deploy would re-create what exists).
   */
  readonly localState: readonly string[];
  /**
   * Stacks whose `terraform.backend` differs from the base's: their state must be moved
   * (`terraform init -migrate-state`) before a deploy, or Terraform starts from an empty state.
   */
  readonly backendChanged: readonly string[];
}

/** An inventory's meaning: everything but its file name, in a canonical order. */
export function inventoryMeaning(inventory: Inventory): string {
  const entryPoints = [...inventory.entryPoints]
    .sort(byKey((entryPoint) => entryPoint.name))
    .map((entryPoint) => ({
      ...entryPoint,
      servers: [...entryPoint.servers].sort(byKey((server) => server.name)),
    }));
  return canonicalJson({ bigip: inventory.bigip, backend: inventory.backend ?? null, entryPoints });
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Compares the inventories of the working tree with those of `base`.
 * @param cwd a folder inside the git work tree (the project root)
 * @throws Error when `base` is not a commit or `cwd` is not in a git repository
 */
export function stackChanges(
  base: string,
  current: readonly Inventory[],
  cwd: string,
  directory = "inventories",
): StackChanges {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  try {
    git("rev-parse", "--is-inside-work-tree");
  } catch {
    throw new Error("not inside a git repository");
  }
  // A base without the inventories folder has no stacks: every current stack is new.
  const before = inventoriesAtRef(base, directory, cwd);
  // What npm run synth executes (followed from cdktf.json's app); when it cannot be followed,
  // every file outside the inventories counts.
  const code = configurationCode(cwd);
  const paths = code.unknown === undefined ? code.files : [".", `:(exclude)${directory}/`];
  const changedFiles = git("diff", "--name-only", base, "--", ...paths)
    .split("\n")
    .filter((line) => line !== "");
  const previous = new Map(before.inventories.map((inventory) => [inventory.stackName, inventory]));
  const names = new Set(current.map((inventory) => inventory.stackName));
  const sorted = (items: Iterable<string>) => [...items].sort(byKey((name) => name));
  const reason =
    changedFiles.length > 0
      ? `configuration code changed since ${base} (${changedFiles.slice(0, 5).join(", ")}${changedFiles.length > 5 ? ", ..." : ""}${code.unknown === undefined ? "" : `; ${code.unknown}, so every file counts`}): every stack is synthesized anew`
      : undefined;
  const changed = current
    .filter((inventory) => {
      if (reason) return true;
      const old = previous.get(inventory.stackName);
      return !old || inventoryMeaning(old) !== inventoryMeaning(inventory);
    })
    .map((inventory) => inventory.stackName);
  const removed = [...previous.keys()].filter((name) => !names.has(name));
  const localState = [
    ...current.filter((inventory) => changed.includes(inventory.stackName)),
    ...removed.map((name) => previous.get(name)!),
  ]
    .filter(hasLocalState)
    .map((inventory) => inventory.stackName);
  const backendChanged = current
    .filter((inventory) => {
      const old = previous.get(inventory.stackName);
      return old && canonicalJson(old.backend ?? null) !== canonicalJson(inventory.backend ?? null);
    })
    .map((inventory) => inventory.stackName);
  return {
    base,
    changed: sorted(changed),
    removed: sorted(removed),
    ...(reason ? { reason } : {}),
    unreadableAtBase: before.unreadable,
    localState: sorted(localState),
    backendChanged: sorted(backendChanged),
  };
}

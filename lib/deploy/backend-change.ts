/**
 * A stack whose backend changed since its folder was initialised is stopped before Terraform,
 * which would stop at "Backend configuration changed", with the command that moves the state.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { stackConfig, stackFolder } from "./synthesized-stacks";

/** A stack whose synthesized backend differs from its initialised one, and what differs. */
export interface MovedBackend {
  readonly stack: string;
  /** The keys that differ, sorted, or `type <before> → <now>`. */
  readonly keys: string[];
}

/**
 * The stacks whose synthesized backend differs from the one their folder was initialised with
 * (`.terraform/terraform.tfstate`), with the keys that differ. A folder never initialised is
 * left out: Terraform initialises the backend as it is.
 */
export function movedBackends(names: readonly string[], outdir: string): MovedBackend[] {
  const moved: MovedBackend[] = [];
  for (const stack of names) {
    let initialised: { type: string; config?: Record<string, unknown> } | undefined;
    let synthesized: Record<string, Record<string, unknown>> | undefined;
    try {
      const file = path.join(stackFolder(outdir, stack), ".terraform", "terraform.tfstate");
      initialised = (JSON.parse(readFileSync(file, "utf8")) as { backend?: typeof initialised })
        .backend;
      synthesized = stackConfig(outdir, stack).terraform.backend;
    } catch {
      continue;
    }
    if (!initialised || !synthesized) continue;
    const [type] = Object.keys(synthesized);
    if (initialised.type !== type) {
      moved.push({ stack, keys: [`type ${initialised.type} → ${type}`] });
      continue;
    }
    const config = synthesized[type] ?? {};
    const before = initialised.config ?? {};
    const keys = [...new Set([...Object.keys(config), ...Object.keys(before)])].filter(
      (key) => JSON.stringify(config[key] ?? null) !== JSON.stringify(before[key] ?? null),
    );
    if (keys.length > 0) moved.push({ stack, keys: keys.sort() });
  }
  return moved;
}

/** What to say about a moved backend: what changed, and how to move the state or start anew. */
export function movedBackendMessage(
  command: string,
  { stack, keys }: MovedBackend,
  outdir: string,
  root: string,
): string {
  const folder = stackFolder(outdir, stack);
  return `da-manage-out ${command}: ${stack}: the state backend changed (${keys.join(", ")}) since ${path.relative(root, folder) || "."} was initialised; Terraform would stop at "Backend configuration changed". Move the state first: cd ${folder} && terraform init -migrate-state (docs/terraform.md, "Changing the backend"); to start that stack's state anew instead, delete its .terraform folder\n`;
}

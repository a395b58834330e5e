import * as path from "node:path";
import { pgSchemaName, type BackendSettings } from "../backend-schema";
import type { Inventory } from "../inventory";
import type { Problem } from "../problem";
import type { CrossFileRule } from "./rule";

/**
 * Where a stack's state lives, as one comparable text: two stacks with the same one share a
 * state, and deploying either would plan to destroy the other's objects. `undefined` when the
 * location depends on more than the inventory says (a workspace prefix or tags).
 */
export function stateLocation(inventory: Inventory): string | undefined {
  const backend: BackendSettings | undefined = inventory.backend;
  // The default local file is named after the stack: unique when stack names are (stack-names).
  if (!backend || (backend.type === "local" && backend.path === undefined)) return undefined;
  if (backend.type === "local") {
    return `local ${path.posix.normalize(backend.path!.replace(/\\/g, "/"))}`;
  }
  if (backend.type === "pg") {
    return `pg ${pgDatabase(backend.conn_str)} ${pgSchemaName(inventory.stackName, backend.schema_name)}`;
  }
  const settings = backend as Record<string, unknown>;
  const keys: Record<string, string[]> = {
    s3: ["bucket", "workspace_key_prefix", "key"],
    azurerm: ["storage_account_name", "container_name", "key"],
    gcs: ["bucket", "prefix"],
    http: ["address"],
  };
  if (keys[backend.type]) {
    return `${backend.type} ${keys[backend.type].map((key) => String(settings[key] ?? "")).join(" ")}`;
  }
  const workspaces = settings.workspaces as { name?: string } | undefined;
  if (workspaces?.name === undefined) return undefined;
  return `${backend.type} ${String(settings.hostname ?? "")} ${String(settings.organization)} ${workspaces.name}`;
}

/**
 * The server and database of a pg connection string, `host:port/database` (the parts that decide
 * where a row lives), or `PG_CONN_STR` when the inventory leaves it to the environment.
 */
export function pgDatabase(connStr: string | undefined): string {
  if (connStr === undefined) return "PG_CONN_STR";
  const url = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?([^/?#]*)(?:\/([^?#]*))?/i.exec(connStr);
  if (url) {
    const [, hostPort, database] = url;
    const parts = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(hostPort);
    const host = parts ? parts[1] : hostPort;
    const port = parts?.[2];
    return `${host.toLowerCase() || "localhost"}:${port ?? 5432}/${safeDecode(database ?? "")}`;
  }
  const value = (key: string) =>
    new RegExp(`(?:^|\\s)${key}\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S*)`)
      .exec(connStr)?.[1]
      ?.replace(/^'|'$/g, "");
  return `${(value("host") ?? "localhost").toLowerCase()}:${value("port") ?? 5432}/${value("dbname") ?? ""}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** No two inventory files keep their stacks' state in the same place. */
export const sharedState: CrossFileRule = {
  id: "shared-state",
  summary:
    "no two inventory files keep their state in the same place (backend and key, or local path)",
  check(files) {
    const problems: Problem[] = [];
    const first = new Map<string, string>();
    for (const { inventory, source } of files) {
      const location = stateLocation(inventory);
      if (location === undefined) continue;
      const other = first.get(location);
      if (other) {
        problems.push(
          source.problemAt(inventory.backend ? ["terraform", "backend"] : [], {
            message: `keeps its state where ${other} keeps its own`,
            hint: "each stack needs a state of its own (another key, path or workspace); deploying one would plan to destroy the other's objects",
          }),
        );
      } else {
        first.set(location, inventory.file);
      }
    }
    return problems;
  },
};

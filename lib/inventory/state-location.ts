/**
 * Where each stack keeps its Terraform state: one model for the rules (shared-state,
 * state-path), the stack's local backend and `changes`.
 */
import * as path from "node:path";
import { pgSchemaName, type BackendSettings } from "./backend-schema";
import type { Inventory } from "./inventory";

/** The state file of a stack without `terraform.backend`, relative to the project root. */
export function defaultLocalStatePath(stackName: string): string {
  return `terraform.${stackName}.tfstate`;
}

/** True when the stack's state is a local file (the default, or `type: local`). */
export function hasLocalState(inventory: Inventory): boolean {
  return !inventory.backend || inventory.backend.type === "local";
}

/**
 * The absolute path of a stack's local state file (relative paths from the project root, the
 * working directory of every command), or `undefined` for a remote backend.
 */
export function localStateFile(
  stackName: string,
  backend: BackendSettings | undefined,
  root = process.cwd(),
): string | undefined {
  if (backend !== undefined && backend.type !== "local") return undefined;
  const file = backend?.path ?? defaultLocalStatePath(stackName);
  return path.resolve(root, file.replace(/\\/g, "/"));
}

/**
 * Where a stack's state lives, as one comparable text: two stacks with the same one share a
 * state, and deploying either would plan to destroy the other's objects. A local file is compared
 * as an absolute path without case (macOS and Windows file systems do not tell case apart), the
 * default file included. `undefined` when the location depends on more than the inventory says
 * (a workspace prefix or tags).
 */
export function stateLocation(inventory: Inventory): string | undefined {
  const backend: BackendSettings | undefined = inventory.backend;
  const local = localStateFile(inventory.stackName, backend);
  if (local !== undefined) return `local ${local.toLowerCase()}`;
  if (backend === undefined || backend.type === "local") return undefined;
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

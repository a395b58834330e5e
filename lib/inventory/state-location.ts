/**
 * Where each stack keeps its Terraform state: one model for the rules (shared-state,
 * state-path), the stack's local backend and `changes`.
 */
import * as path from "node:path";
import { pgSchemaName, type BackendSettings } from "./backend-schema";
import { pgIdentifier, pgTarget } from "./pg/pg-target";
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

/** Where a stack's state lives, in a form two stacks compare by. */
export interface StateLocation {
  /** Equal for two stacks that share one state, as their inventories say. */
  readonly key: string;
  /**
   * Equal for two stacks that share one state when the environment leaves lib/pq its defaults
   * (no PGHOST, PGDATABASE): `postgres:///tf` and `postgres://localhost/tf`. The same as `key`
   * for every other backend.
   */
  readonly keyWithDefaults: string;
  /** The place in words, where it takes resolving: `database tf on db:5432, schema s`. */
  readonly text?: string;
}

/**
 * Where a stack's state lives: two stacks with the same one share a state, and deploying either
 * would plan to destroy the other's objects. A local file is compared as an absolute path without
 * case (macOS and Windows file systems do not tell case apart), the default file included; a pg
 * state by the server, database and schema that lib/pq and PostgreSQL resolve (`pgLocation`).
 * `undefined` when the location depends on more than the inventory says (a workspace prefix or
 * tags).
 */
export function stateLocation(inventory: Inventory): StateLocation | undefined {
  const backend: BackendSettings | undefined = inventory.backend;
  const local = localStateFile(inventory.stackName, backend);
  const same = (key: string): StateLocation => ({ key, keyWithDefaults: key });
  if (local !== undefined) return same(`local ${local.toLowerCase()}`);
  if (backend === undefined || backend.type === "local") return undefined;
  if (backend.type === "pg") {
    return pgLocation(backend.conn_str, pgSchemaName(inventory.stackName, backend.schema_name));
  }
  const settings = backend as Record<string, unknown>;
  const keys: Record<string, string[]> = {
    s3: ["bucket", "workspace_key_prefix", "key"],
    azurerm: ["storage_account_name", "container_name", "key"],
    gcs: ["bucket", "prefix"],
    http: ["address"],
  };
  if (keys[backend.type]) {
    return same(
      `${backend.type} ${keys[backend.type].map((key) => String(settings[key] ?? "")).join(" ")}`,
    );
  }
  const workspaces = settings.workspaces as { name?: string } | undefined;
  if (workspaces?.name === undefined) return undefined;
  return same(
    `${backend.type} ${String(settings.hostname ?? "")} ${String(settings.organization)} ${workspaces.name}`,
  );
}

/**
 * The pg backend's row of a stack (cdktf always uses the workspace `default`): the server,
 * database and user that lib/pq reads from `conn_str` (`pgTarget`), and the schema as PostgreSQL
 * keeps its name (`pgIdentifier`). Without `conn_str`, every stack takes PG_CONN_STR from one
 * environment: one database.
 */
export function pgLocation(connStr: string | undefined, schema: string): StateLocation {
  const kept = pgIdentifier(schema);
  if (connStr === undefined) {
    const key = JSON.stringify(["pg", "PG_CONN_STR", kept]);
    return { key, keyWithDefaults: key, text: `the database of PG_CONN_STR, schema ${kept}` };
  }
  const { host, port, dbname, user } = pgTarget(connStr);
  // Without dbname the server opens the database named like the user.
  const database = dbname !== undefined ? ["dbname", dbname] : ["user", user ?? null];
  const shown = {
    host: host ?? "<PGHOST, else localhost>",
    port: port ?? "5432",
    dbname: dbname ?? `<PGDATABASE, else ${user === undefined ? "the user's name" : user}>`,
  };
  return {
    // A port left out is 5432 in both keys: PGPORT rarely says otherwise, PGHOST often does.
    key: JSON.stringify(["pg", host ?? null, port ?? "5432", database, kept]),
    keyWithDefaults: JSON.stringify([
      "pg",
      host ?? "localhost",
      port ?? "5432",
      dbname ?? user ?? null,
      kept,
    ]),
    text: `database ${shown.dbname} on ${shown.host}:${shown.port}, schema ${kept}`,
  };
}

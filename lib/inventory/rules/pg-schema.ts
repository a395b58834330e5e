import { PG_NAME_BYTES, pgIdentifier } from "../pg/pg-target";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/** The pg backend's own default schema (`schema_name`, internal/backend/remote-state/pg/backend.go). */
const BACKEND_DEFAULT_SCHEMA = "terraform_remote_state";

const OWN_SCHEMA = "leave schema_name out for da_manage_out_<stack>, a schema of this stack's own";

/**
 * Rule: a pg backend's `schema_name` names a schema PostgreSQL keeps as written. The backend
 * quotes it (`pq.QuoteIdentifier`), so case is kept, but PostgreSQL keeps only the first 63 bytes
 * of a name (NAMEDATALEN - 1; `truncate_identifier`), so two longer names that begin alike are
 * one schema; and an empty name is refused (`zero-length delimited identifier`). The backend's
 * default, `terraform_remote_state`, is the schema of every configuration in that database that
 * gives none: with the workspace `default` they all write one row (a warning: this project never
 * leaves schema_name to that default, but others may).
 */
export const pgSchema: InventoryRule = {
  id: "pg-schema",
  summary:
    "a pg schema_name is not empty and at most 63 bytes (PostgreSQL keeps no more of a name: a warning); terraform_remote_state, the backend's default that other configurations share, is a warning",
  check({ source, document }) {
    const backend = document.terraform?.backend;
    if (backend?.type !== "pg" || backend.schema_name === undefined) return [];
    const name = backend.schema_name;
    const where = ["terraform", "backend", "schema_name"];
    const problems: Problem[] = [];
    if (name === "") {
      problems.push(
        source.problemAt(where, {
          message: "is empty, which PostgreSQL refuses as a schema name",
          hint: OWN_SCHEMA,
        }),
      );
    } else if (Buffer.byteLength(name) > PG_NAME_BYTES) {
      problems.push(
        source.problemAt(where, {
          severity: "warning",
          message: `is ${Buffer.byteLength(name)} bytes long, and PostgreSQL keeps only the first ${PG_NAME_BYTES} of a name: another stack's schema that begins alike is this one`,
          value: name,
          hint: `shorten it to at most ${PG_NAME_BYTES} bytes; PostgreSQL uses '${pgIdentifier(name)}'`,
        }),
      );
    } else if (name === BACKEND_DEFAULT_SCHEMA) {
      problems.push(
        source.problemAt(where, {
          severity: "warning",
          message:
            "is the pg backend's default schema, shared by every Terraform configuration in that database that names none: one of them would write this stack's state row",
          value: name,
          hint: OWN_SCHEMA,
        }),
      );
    }
    return problems;
  },
};

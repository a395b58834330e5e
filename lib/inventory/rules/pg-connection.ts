import { HIDDEN } from "../../io/show-value";
import { pgConnStrSecret } from "../pg/conn-str-secret";
import { isLibPqUrl, readLibPq } from "../pg/lib-pq";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/** The settings that decide where the state lives (pg-target.ts), and their part of a URL. */
const PLACE_SETTINGS: Record<string, string> = {
  host: "host part",
  port: "host part",
  dbname: "path",
  user: "user info",
};

/**
 * Rule: a pg backend's `conn_str` is one that lib/pq, the backend's driver (lib-pq.ts), reads.
 * Terraform would stop at `terraform init` otherwise, with lib/pq's error, and that error prints
 * the URL whole (Go's `url.Error`) or the text before an `=`: a password written wrong (with an
 * unencoded `/`) would end up in the CI log. The string is never shown here. A setting that
 * places the state (host, port, dbname, user) given twice is a warning: lib/pq keeps the one that
 * sorts last in a URL, psql the query's, so the two connect to different databases.
 */
export const pgConnection: InventoryRule = {
  id: "pg-connection",
  summary:
    "a pg conn_str is a postgres:// URL or key=value settings that lib/pq, Terraform's PostgreSQL driver, reads; host, port, dbname or user given twice is a warning",
  check({ source, document }) {
    const backend = document.terraform?.backend;
    if (backend?.type !== "pg" || backend.conn_str === undefined) return [];
    const connStr = backend.conn_str;
    // A secret is backend-credentials' problem, and the root cause.
    if (pgConnStrSecret(connStr) !== undefined) return [];
    const where = ["terraform", "backend", "conn_str"];
    const reading = readLibPq(connStr);
    if (reading.error !== undefined) {
      const url = /^\s*postgres(ql)?:\/\//i.test(connStr) && !isLibPqUrl(connStr);
      const reason = url
        ? "lib/pq reads a URL only when it starts with postgres:// or postgresql://, in lower case"
        : reading.error;
      return [
        source.problemAt(where, {
          message: `is not a connection string that lib/pq, the pg backend's driver, reads (${reason}); terraform init would stop with an error that prints it`,
          value: HIDDEN,
          hint: url
            ? "write the URL's scheme in lower case, at the very start: postgres://"
            : "write postgres://host:port/database?sslmode=verify-full with '%', '@', ':', '/', '?', '#' and spaces inside a part percent-encoded (%25, %40, %3A, %2F, %3F, %23, %20), or host=... port=... dbname=... with a value holding spaces in single quotes",
        }),
      ];
    }
    const problems: Problem[] = [];
    for (const [key, part] of Object.entries(PLACE_SETTINGS)) {
      const values = new Set(reading.settings.filter((s) => s.key === key).map((s) => s.value));
      if (values.size < 2) continue;
      problems.push(
        source.problemAt(where, {
          severity: "warning",
          message: `gives ${key} more than once, and lib/pq, the pg backend's driver, takes this one (psql may take another)`,
          value: [...values].pop(),
          hint: `give ${key} once (in a URL: in its ${part} or its query, not both)`,
        }),
      );
    }
    return problems;
  },
};

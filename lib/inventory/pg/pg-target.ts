/**
 * Where a pg backend keeps a stack's state, resolved as the drivers and PostgreSQL resolve it, so
 * that two connection strings written differently but meaning one database compare equal:
 * `postgres:///terraform?host=db` and `postgres://db/terraform` and `host=db dbname=terraform`.
 */
import * as path from "node:path";
import { finalSettings, readLibPq } from "./lib-pq";

/** PostgreSQL's NAMEDATALEN - 1: the bytes of a name it keeps (src/include/pg_config_manual.h). */
export const PG_NAME_BYTES = 63;

/**
 * The server, database and user that lib/pq connects to, as the string gives them after lib/pq's
 * own reading (query settings over the URL's parts, the last of a repeated setting). A part the
 * string leaves out is `undefined`: lib/pq then takes PGHOST, PGPORT, PGDATABASE, PGUSER from the
 * environment, else localhost, 5432, the user's name (the server's default database) and the
 * login name.
 */
export interface PgTarget {
  /** Lower case; a socket folder (`/var/run/postgresql`) as a normalized path. */
  readonly host?: string;
  /** The port as a number's digits. */
  readonly port?: string;
  /** The first 63 bytes, as the server keeps them. */
  readonly dbname?: string;
  readonly user?: string;
}

/** The target of a connection string that lib/pq reads (read it first with `readLibPq`). */
export function pgTarget(connStr: string): PgTarget {
  const settings = finalSettings(readLibPq(connStr));
  const given = (key: string) => settings.get(key);
  const dbname = given("dbname") || undefined;
  return {
    host: hostOf(given("host")),
    port: given("port")?.replace(/^0+(?=\d)/, ""),
    // PostgreSQL cuts a longer database name in the startup packet to its first 63 bytes
    // (ProcessStartupPacket, src/backend/postmaster/postmaster.c), and an empty one is the user's.
    dbname: dbname === undefined ? undefined : firstBytes(dbname, PG_NAME_BYTES),
    user: given("user") || undefined,
  };
}

function hostOf(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  // Go dials the local system for an empty host; lib/pq takes a host starting with / as the
  // folder of a Unix socket (`network` in conn.go), which path.Join cleans.
  if (host === "") return "localhost";
  if (host.startsWith("/")) return path.posix.normalize(host).replace(/(.)\/$/, "$1");
  return host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

/**
 * `text` cut to its first `bytes` bytes of UTF-8, as PostgreSQL cuts a name in the packet (a
 * character cut in two shows as U+FFFD).
 */
function firstBytes(text: string, bytes: number): string {
  return Buffer.from(text, "utf8").subarray(0, bytes).toString("utf8");
}

/**
 * A schema name as PostgreSQL keeps it: its first 63 bytes, cut at a character's end
 * (`truncate_identifier` with `pg_mbcliplen`, src/backend/parser/scansup.c). The pg backend quotes
 * the name (`pq.QuoteIdentifier`), so case is kept, not folded.
 */
export function pgIdentifier(name: string): string {
  let kept = "";
  for (const char of name) {
    if (Buffer.byteLength(kept + char) > PG_NAME_BYTES) break;
    kept += char;
  }
  return kept;
}

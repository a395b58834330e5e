/**
 * How lib/pq, the driver of Terraform's pg backend, reads a connection string. Terraform 1.5 to
 * 1.13 pin lib/pq v1.10.3 (`go.mod`, from 1.10 `internal/backend/remote-state/pg/go.mod`), whose
 * `NewConnector` (connector.go) does this:
 *
 * 1. a string starting with `postgres://` or `postgresql://` (lower case) is a URL: `ParseURL`
 *    (url.go) reads it with Go's `net/url` and writes it as `key='value'` settings: `user` and
 *    `password` from the user info, `host` and `port`, `dbname` from the path, then every query
 *    key with its first value (decoded: `+` is a space, `%xx` a byte). Empty values are left out,
 *    values are quoted (`'` and `\` escaped), keys are NOT: a key with a space or `=` in it
 *    becomes more than one setting. The settings are sorted as text, so when the path and the
 *    query both give `dbname`, the one that sorts last wins;
 * 2. `parseOpts` (conn.go, after libpq's `conninfo_parse`) reads `key=value` settings separated
 *    by white space (Go's `unicode.IsSpace`); a value is quoted in `'...'` or ends at white space,
 *    `\` escapes the next character, and a quoted value may be followed by the next key at once
 *    (`user='a'password=b`). A later setting replaces an earlier one.
 */
import { goParseQuery, goSplitHostPort, parseGoUrl } from "./go-url";

/** One `key=value` setting of a connection string, as a driver read it. */
export interface PgSetting {
  readonly key: string;
  readonly value: string;
}

/**
 * What a driver read: every setting in the order read (a later one replaces an earlier one of the
 * same key), up to the error that stopped it, if any. The error never holds the string.
 */
export interface PgReading {
  readonly settings: readonly PgSetting[];
  readonly error?: string;
}

/** Whether lib/pq reads `connStr` as a URL (it looks at these two prefixes only, case and all). */
export function isLibPqUrl(connStr: string): boolean {
  return connStr.startsWith("postgres://") || connStr.startsWith("postgresql://");
}

/** lib/pq's reading of a connection string (`NewConnector` without the environment). */
export function readLibPq(connStr: string): PgReading {
  if (!isLibPqUrl(connStr)) return parseOpts(connStr);
  const options = urlOptions(connStr);
  return typeof options === "string" ? parseOpts(options) : options;
}

/** The settings that hold in the end: the last value of each key. */
export function finalSettings(reading: PgReading): Map<string, string> {
  return new Map(reading.settings.map(({ key, value }) => [key, value]));
}

/** lib/pq's `ParseURL`: the URL as `key='value'` settings, or Go's error. */
function urlOptions(url: string): string | PgReading {
  const parsed = parseGoUrl(url);
  if ("error" in parsed) return { settings: [], error: parsed.error };
  const { user, host, path, rawQuery } = parsed.url;
  const settings: string[] = [];
  const accrue = (key: string, value: string | undefined) => {
    if (value) settings.push(`${key}='${value.replace(/[\\']/g, (char) => `\\${char}`)}'`);
  };
  if (user) {
    accrue("user", user.username);
    accrue("password", user.password);
  }
  const hostPort = goSplitHostPort(host);
  accrue("host", hostPort ? hostPort.host : host);
  accrue("port", hostPort?.port);
  if (path !== "") accrue("dbname", path.slice(1));
  for (const [key, values] of goParseQuery(rawQuery)) accrue(key, values[0]);
  // Go's sort.Strings compares bytes.
  settings.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return settings.join(" ");
}

/** Go's `unicode.IsSpace`. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;

/** lib/pq's `parseOpts`, character by character as conn.go reads. */
function parseOpts(text: string): PgReading {
  const chars = [...text];
  const settings: PgSetting[] = [];
  let i = 0;
  const isSpace = (char: string | undefined) => char !== undefined && GO_SPACE.test(char);
  const skipSpaces = () => {
    while (isSpace(chars[i])) i++;
  };
  for (;;) {
    skipSpaces();
    if (i >= chars.length) return { settings };
    let key = "";
    while (i < chars.length && !isSpace(chars[i]) && chars[i] !== "=") key += chars[i++];
    skipSpaces();
    if (chars[i] !== "=") return { settings, error: `missing "=" after a key` };
    i++;
    skipSpaces();
    if (i >= chars.length) {
      settings.push({ key, value: "" });
      return { settings };
    }
    let value = "";
    if (chars[i] !== "'") {
      while (i < chars.length && !isSpace(chars[i])) {
        if (chars[i] === "\\") {
          i++;
          if (i >= chars.length) return { settings, error: "missing character after backslash" };
        }
        value += chars[i++];
      }
    } else {
      for (i++; ; i++) {
        if (i >= chars.length) return { settings, error: "unterminated quoted string" };
        if (chars[i] === "'") break;
        if (chars[i] === "\\") i++;
        // Go appends the rune after a final backslash as U+0000, then finds no closing quote.
        value += chars[i] ?? "\0";
      }
      i++;
    }
    settings.push({ key, value });
  }
}

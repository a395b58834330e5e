/**
 * How libpq, PostgreSQL's own client library (psql, pg_dump...), reads a connection string: the
 * grammar of the PostgreSQL documentation, "Connection Strings" (34.1.1), as
 * src/interfaces/libpq/fe-connect.c reads it (`conninfo_parse`, `conninfo_uri_parse_options`,
 * `conninfo_uri_parse_params`, `conninfo_uri_decode`). Terraform does not use libpq, but a team
 * tries the same string with psql, and a password that either reader finds is a password in git.
 * Only the settings are read here; unknown keywords are kept (libpq refuses them).
 */
import type { PgReading, PgSetting } from "./lib-pq";

/** C's `isspace` in the C locale. */
const isSpace = (char: string | undefined) => char !== undefined && " \t\n\v\f\r".includes(char);

/** libpq's reading of a connection string: a URI, or `keyword = value` settings. */
export function readLibpq(connStr: string): PgReading {
  const prefix = /^postgres(?:ql)?:\/\//.exec(connStr);
  return prefix ? readUri(connStr.slice(prefix[0].length)) : readKeywords(connStr);
}

/** `conninfo_parse`: like lib/pq's, with ASCII white space only. */
function readKeywords(text: string): PgReading {
  const settings: PgSetting[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    let key = "";
    while (i < text.length && text[i] !== "=" && !isSpace(text[i])) key += text[i++];
    while (isSpace(text[i])) i++;
    if (text[i] !== "=") return { settings, error: `missing "=" after a key` };
    i++;
    while (isSpace(text[i])) i++;
    let value = "";
    if (text[i] !== "'") {
      for (; i < text.length && !isSpace(text[i]); i++) {
        if (text[i] === "\\") i++;
        value += text[i] ?? "";
      }
    } else {
      for (i++; ; i++) {
        if (i >= text.length) return { settings, error: "unterminated quoted string" };
        if (text[i] === "\\") {
          i++;
          value += text[i] ?? "";
          continue;
        }
        if (text[i] === "'") break;
        value += text[i];
      }
      i++;
    }
    settings.push({ key, value });
  }
  return { settings };
}

/** `conninfo_uri_decode`: `%xx` bytes (no `+` for a space); `%00` and bad escapes are errors. */
function uriDecode(text: string): string | undefined {
  const bytes: number[] = [];
  for (const [part, hex] of text.matchAll(/%([0-9A-Fa-f]{2})?|[^%]+/g)) {
    if (part.startsWith("%")) {
      if (hex === undefined || hex === "00") return undefined;
      bytes.push(parseInt(hex, 16));
    } else {
      bytes.push(...Buffer.from(part, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * `conninfo_uri_parse_options` after `postgresql://`:
 * `[user[:password]@][host][:port][,...][/dbname][?param=value&...]`. The user info ends at the
 * first `@` before any `/`; the password runs from the first `:` to that `@` (a `?` or `#` in it
 * is part of it).
 */
function readUri(text: string): PgReading {
  const settings: PgSetting[] = [];
  const store = (key: string, raw: string): boolean => {
    if (raw === "") return true;
    const value = uriDecode(raw);
    if (value === undefined) return false;
    settings.push({ key, value });
    return true;
  };
  const badEscape = { settings, error: "invalid percent-encoded token" };
  let rest = text;
  const userEnd = /^[^@/]*@/.exec(rest);
  if (userEnd) {
    const userinfo = userEnd[0].slice(0, -1);
    const colon = userinfo.indexOf(":");
    if (!store("user", colon < 0 ? userinfo : userinfo.slice(0, colon))) return badEscape;
    if (colon >= 0 && !store("password", userinfo.slice(colon + 1))) return badEscape;
    rest = rest.slice(userEnd[0].length);
  }
  const hosts: string[] = [];
  const ports: string[] = [];
  for (;;) {
    let host: string;
    if (rest.startsWith("[")) {
      const close = rest.indexOf("]");
      if (close < 0) return { settings, error: "missing ']' in IPv6 host address" };
      host = rest.slice(1, close);
      rest = rest.slice(close + 1);
      if (rest !== "" && !":/?,".includes(rest[0])) {
        return { settings, error: "unexpected character after IPv6 host address" };
      }
    } else {
      host = /^[^:/?,]*/.exec(rest)![0];
      rest = rest.slice(host.length);
    }
    hosts.push(host);
    let port = "";
    if (rest.startsWith(":")) {
      port = /^[^/?,]*/.exec(rest.slice(1))![0];
      rest = rest.slice(1 + port.length);
    }
    ports.push(port);
    if (!rest.startsWith(",")) break;
    rest = rest.slice(1);
  }
  if (!store("host", hosts.join(",")) || !store("port", ports.join(","))) return badEscape;
  if (rest.startsWith("/")) {
    const dbname = /^[^?]*/.exec(rest.slice(1))![0];
    if (!store("dbname", dbname)) return badEscape;
    rest = rest.slice(1 + dbname.length);
  }
  if (!rest.startsWith("?")) return { settings };
  // `conninfo_uri_parse_params`: a final `&` ends the list; an empty or `=`-less one is an error.
  for (let params = rest.slice(1); params !== "";) {
    const amp = params.indexOf("&");
    const parts = (amp < 0 ? params : params.slice(0, amp)).split("=");
    params = amp < 0 ? "" : params.slice(amp + 1);
    if (parts.length !== 2) return { settings, error: "not key=value in the URI query" };
    const [key, value] = parts.map(uriDecode);
    if (key === undefined || value === undefined) return badEscape;
    if (key === "ssl" && value === "true") settings.push({ key: "sslmode", value: "require" });
    else settings.push({ key, value });
  }
  return { settings };
}

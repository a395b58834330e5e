/**
 * The reading of a URL by Go's `net/url` (`Parse`, `URL.Query`) and `net.SplitHostPort`, as
 * lib/pq's `ParseURL` uses them (Go 1.21 to 1.24: src/net/url/url.go, src/net/ipsock.go). Only
 * what a connection string needs: user info, host, path and query, with Go's errors. Go works on
 * bytes; the delimiters are ASCII, so UTF-16 indexes serve, and percent-decoding yields UTF-8.
 */

/** A URL as Go parses it: the parts lib/pq reads. */
export interface GoUrl {
  /** `user` or `user:password` before the last `@` of the authority, decoded. */
  readonly user?: { readonly username: string; readonly password?: string };
  /** `host` or `host:port`, decoded; "" when the URL names none. */
  readonly host: string;
  /** The decoded path, with its leading `/`; "" when there is none. */
  readonly path: string;
  /** The query after the first `?`, still encoded. */
  readonly rawQuery: string;
}

/** Go's result: the URL, or the reason of its error (Go's error also prints the URL whole). */
export type GoUrlResult = { readonly url: GoUrl } | { readonly error: string };

type Mode = "path" | "host" | "zone" | "userPassword" | "queryComponent" | "fragment";

const ALPHANUMERIC = /^[A-Za-z0-9]$/;

/** Go's `shouldEscape`: whether an ASCII character must be percent-encoded in a part. */
function shouldEscape(char: string, mode: Mode): boolean {
  if (ALPHANUMERIC.test(char)) return false;
  if ((mode === "host" || mode === "zone") && `!$&'()*+,;=:[]<>"`.includes(char)) return false;
  if ("-_.~".includes(char)) return false;
  if ("$&+,/:;=?@".includes(char)) {
    if (mode === "path") return char === "?";
    if (mode === "userPassword") return "@/?:".includes(char);
    if (mode === "queryComponent") return true;
    if (mode === "fragment") return false;
  }
  if (mode === "fragment" && "!()*".includes(char)) return false;
  return true;
}

const isHex = (char: string | undefined) => char !== undefined && /^[0-9A-Fa-f]$/.test(char);

/** Go's `unescape`: percent-decoding (and `+` as a space in a query), or Go's error. */
export function goUnescape(
  text: string,
  mode: Mode,
): { readonly text: string } | { readonly error: string } {
  for (let i = 0; i < text.length;) {
    const char = text[i];
    if (char === "%") {
      if (!isHex(text[i + 1]) || !isHex(text[i + 2])) return { error: "invalid URL escape" };
      // A host escapes only bytes beyond ASCII (%25 aside, for an IPv6 zone).
      if (mode === "host" && parseInt(text[i + 1], 16) < 8 && text.slice(i, i + 3) !== "%25") {
        return { error: "invalid URL escape" };
      }
      if (mode === "zone") {
        const byte = String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
        if (text.slice(i, i + 3) !== "%25" && byte !== " " && shouldEscape(byte, "host")) {
          return { error: "invalid URL escape" };
        }
      }
      i += 3;
    } else {
      if ((mode === "host" || mode === "zone") && char < "\x80" && shouldEscape(char, mode)) {
        return { error: "invalid character in host name" };
      }
      i++;
    }
  }
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "%") {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (text[i] === "+" && mode === "queryComponent") {
      bytes.push(0x20);
    } else {
      const point = text.codePointAt(i)!;
      const char = String.fromCodePoint(point);
      bytes.push(...Buffer.from(char, "utf8"));
      i += char.length - 1;
    }
  }
  return { text: Buffer.from(bytes).toString("utf8") };
}

/** Go's `validOptionalPort`: "" or `:` followed by digits only. */
function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

/** Go's `parseHost`: `host[:port]` or `[ipv6%25zone]:port`, decoded. */
function parseHost(host: string): { readonly text: string } | { readonly error: string } {
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close < 0) return { error: "missing ']' in host" };
    if (!validOptionalPort(host.slice(close + 1))) return { error: "invalid port after host" };
    const zone = host.slice(0, close).indexOf("%25");
    if (zone >= 0) {
      const parts = [
        goUnescape(host.slice(0, zone), "host"),
        goUnescape(host.slice(zone, close), "zone"),
        goUnescape(host.slice(close), "host"),
      ];
      const failed = parts.find((part) => "error" in part);
      if (failed) return failed;
      return { text: parts.map((part) => (part as { text: string }).text).join("") };
    }
  } else {
    const colon = host.lastIndexOf(":");
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) {
      return { error: "invalid port after host" };
    }
  }
  return goUnescape(host, "host");
}

/** Go's `validUserinfo`: RFC 3986 user info characters, `%` and `@`. */
function validUserinfo(text: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(text);
}

/** Go's `parseAuthority`: user info before the last `@`, then the host. */
function parseAuthority(
  authority: string,
): { readonly user?: GoUrl["user"]; readonly host: string } | { readonly error: string } {
  const at = authority.lastIndexOf("@");
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if ("error" in host) return host;
  if (at < 0) return { host: host.text };
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) return { error: "invalid userinfo" };
  const colon = userinfo.indexOf(":");
  const username = goUnescape(colon < 0 ? userinfo : userinfo.slice(0, colon), "userPassword");
  if ("error" in username) return username;
  if (colon < 0) return { user: { username: username.text }, host: host.text };
  const password = goUnescape(userinfo.slice(colon + 1), "userPassword");
  if ("error" in password) return password;
  return { user: { username: username.text, password: password.text }, host: host.text };
}

/**
 * Go's `url.Parse` of an absolute URL with an authority (`scheme://...`): the only form lib/pq
 * hands it. The error is Go's reason; Go's own message adds the URL, whole.
 */
export function parseGoUrl(raw: string): GoUrlResult {
  const hash = raw.indexOf("#");
  const [text, fragment] = hash < 0 ? [raw, ""] : [raw.slice(0, hash), raw.slice(hash + 1)];
  if ([...text].some((char) => char < " " || char === "\x7f")) {
    return { error: "invalid control character in URL" };
  }
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(text);
  if (!scheme) return { error: "not a URL with a scheme" };
  let rest = text.slice(scheme[0].length);
  let rawQuery = "";
  if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) {
    rest = rest.slice(0, -1);
  } else if (rest.includes("?")) {
    rawQuery = rest.slice(rest.indexOf("?") + 1);
    rest = rest.slice(0, rest.indexOf("?"));
  }
  if (!rest.startsWith("//")) return { error: "not a URL with an authority (scheme://)" };
  const slash = rest.indexOf("/", 2);
  const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
  const parsed = parseAuthority(authority);
  if ("error" in parsed) return parsed;
  const path = goUnescape(slash < 0 ? "" : rest.slice(slash), "path");
  if ("error" in path) return path;
  if (fragment !== "") {
    const decoded = goUnescape(fragment, "fragment");
    if ("error" in decoded) return decoded;
  }
  return { url: { user: parsed.user, host: parsed.host, path: path.text, rawQuery } };
}

/**
 * Go's `ParseQuery` (Go 1.17 and later): `key=value` pairs between `&`, each decoded (`+` is a
 * space); a pair with a `;` or a bad escape is dropped. Each key with its values in order.
 */
export function goParseQuery(rawQuery: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const pair of rawQuery.split("&")) {
    if (pair.includes(";") || pair === "") continue;
    const equals = pair.indexOf("=");
    const key = goUnescape(equals < 0 ? pair : pair.slice(0, equals), "queryComponent");
    const value = goUnescape(equals < 0 ? "" : pair.slice(equals + 1), "queryComponent");
    if ("error" in key || "error" in value) continue;
    values.set(key.text, [...(values.get(key.text) ?? []), value.text]);
  }
  return values;
}

/** Go's `net.SplitHostPort`: host and port, or `undefined` where Go returns an error. */
export function goSplitHostPort(
  hostPort: string,
): { readonly host: string; readonly port: string } | undefined {
  const colon = hostPort.lastIndexOf(":");
  if (colon < 0) return undefined;
  let host: string;
  let [from, to] = [0, 0];
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    if (close < 0 || close + 1 !== colon) return undefined;
    host = hostPort.slice(1, close);
    [from, to] = [1, close + 1];
  } else {
    host = hostPort.slice(0, colon);
    if (host.includes(":")) return undefined;
  }
  if (hostPort.slice(from).includes("[") || hostPort.slice(to).includes("]")) return undefined;
  return { host, port: hostPort.slice(colon + 1) };
}

/**
 * Secrets in a pg backend's `conn_str`, found as the drivers read the string rather than by its
 * look: lib/pq (what Terraform uses) and libpq (what psql uses) each read it, and a secret that
 * either finds is refused. A few forms that look like a password but that neither reads as one
 * are refused too, because lib/pq's error would print them.
 */
import { secretInText } from "../secret-text";
import { isCredentialKey } from "../credential-key";
import { finalSettings, isLibPqUrl, readLibPq } from "./lib-pq";
import { readLibpq } from "./libpq";
import { parseGoUrl } from "./go-url";

/**
 * What secret a connection string holds, as the rest of a problem's message ("holds a password"),
 * or `undefined`. Never the secret itself.
 */
export function pgConnStrSecret(connStr: string): string | undefined {
  const inText = secretInText(connStr);
  if (inText !== undefined) return inText;
  const readings = [readLibPq(connStr), readLibpq(connStr)];
  for (const { settings } of readings) {
    for (const { key, value } of settings) {
      const found = secretInText(value) ?? (value !== "" ? credentialIn(key) : undefined);
      if (found !== undefined) return found;
    }
  }
  // lib/pq v1.10 reads sslkey as the private key itself, not its file, with sslinline=true.
  const libPq = finalSettings(readings[0]);
  if (libPq.get("sslinline") === "true" && libPq.get("sslkey")) {
    return "holds a private key (sslkey with sslinline=true)";
  }
  if (passwordBeforeAt(connStr)) return "holds a password in a URL (user:password@)";
  // A string that a driver stops reading: any key named like a credential counts.
  if (readings.some((reading) => reading.error !== undefined)) {
    const decoded = connStr
      .replace(/\+/g, " ")
      .replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    for (const text of [connStr, decoded]) {
      for (const [, key] of text.matchAll(/([A-Za-z0-9_.-]+)\s*=/g)) {
        const found = credentialIn(key);
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

/** What a setting named `key` holds, when its name is a credential's. */
function credentialIn(key: string): string | undefined {
  if (!isCredentialKey(key)) return undefined;
  const name = key.toLowerCase();
  if (name.trim() === "sslpassword") return "holds the passphrase of the client key (sslpassword)";
  if (name.includes("password")) return "holds a password";
  return "holds a setting named like a credential (a password, secret or token)";
}

/**
 * A URL whose user info reads `user:password@` to a person, where the password holds a `/` (or a
 * `?`, `#`) that ends the host part for Go and libpq: `postgres://tf:pa/ss@db/tf`. Go then fails
 * and prints the URL whole, or (`tf:123/x@db`) connects to host tf with the password in git.
 * When Go reads the URL, only an `@` before the query counts, so that `?application_name=a@b`
 * passes; a database name with `@` must write it `%40`.
 */
function passwordBeforeAt(connStr: string): boolean {
  const scheme = /^postgres(?:ql)?:\/\//i.exec(connStr);
  if (!scheme) return false;
  const rest = connStr.slice(scheme[0].length);
  const readable = isLibPqUrl(connStr) && "url" in parseGoUrl(connStr);
  const part = readable ? rest.split(/[?#]/)[0] : rest;
  const at = part.lastIndexOf("@");
  return at > 0 && part.slice(0, at).includes(":");
}

/**
 * Secrets told by their look in any text: a private key in PEM form, a URL with a password. One
 * test for the backend rules, the schema's problems and what `report` prints.
 */

/** The opening line of a private key in PEM form: PKCS#8, RSA, EC, DSA, OpenSSH, encrypted, PGP. */
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;

/** The authority (`user:password@host:port`) of every URL in a text. */
const URL_AUTHORITY = /[a-z][a-z0-9+.-]*:\/\/([^\s/?#]*)/gi;

/** True when a URL in `text` carries a password in its user-info (`https://user:password@host`). */
function hasUrlPassword(text: string): boolean {
  for (const [, authority] of text.matchAll(URL_AUTHORITY)) {
    const userInfo = authority.slice(0, Math.max(authority.lastIndexOf("@"), 0));
    const colon = userInfo.indexOf(":");
    if (colon >= 0 && colon < userInfo.length - 1) return true;
  }
  return false;
}

/**
 * What secret a text holds, as the rest of a problem's message ("holds a private key (PEM)"), or
 * `undefined`: a private key in PEM form, or a URL with a password.
 */
export function secretInText(text: string): string | undefined {
  if (PEM_PRIVATE_KEY.test(text)) return "holds a private key (PEM)";
  if (hasUrlPassword(text)) return "holds a password in a URL (user:password@)";
  return undefined;
}

/**
 * One way values from files, facts and arguments are shown in messages: control and invisible
 * characters escaped and named, so that nothing repaints a terminal line or hides in a CI log, and
 * long values shortened.
 */

/** Names of the invisible characters most likely to hide in a pasted value. */
const NAMES: Record<number, string> = {
  0x00: "NULL",
  0x09: "CHARACTER TABULATION",
  0x0a: "LINE FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0xa0: "NO-BREAK SPACE",
  0xad: "SOFT HYPHEN",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
};

/** Characters that do not show as themselves: controls, format characters, odd spaces. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu;

/** The longest value shown whole. */
export const MAX_SHOWN = 120;

/** What a secret, or a value that may be one, shows as in a message. */
export const HIDDEN = "(hidden)";

/** `value` with every invisible character as `<U+00A0 NO-BREAK SPACE>`, cut to `max` characters. */
export function showValue(value: string, max = MAX_SHOWN): string {
  const chars = [...value];
  const cut = chars.length > max ? chars.slice(0, max).join("") : value;
  const shown = escapeInvisible(cut);
  return chars.length > max ? `${shown}… (${chars.length - max} more characters)` : shown;
}

/**
 * `text` whole, with every invisible character but those in `keep` (e.g. line feed and tab in a
 * code block) written as `<U+00A0 NO-BREAK SPACE>`.
 */
export function escapeInvisible(text: string, keep = ""): string {
  return text.replace(INVISIBLE, (char) => {
    if (keep.includes(char)) return char;
    const code = char.codePointAt(0)!;
    const hex = code.toString(16).toUpperCase().padStart(4, "0");
    return `<U+${hex}${NAMES[code] ? ` ${NAMES[code]}` : ""}>`;
  });
}

/** True when `text` holds a control or invisible character (one `escapeInvisible` would name). */
export function hasInvisible(text: string): boolean {
  return escapeInvisible(text) !== text;
}

/**
 * What in a value looks like a credential, or `undefined`: a private key (PEM or OpenSSH), a JSON
 * Web Token, an AWS access key id, a long unbroken run of base64 or hex (a key, a token, a hash
 * of one). Such a value is never shown, even shortened: a file that is not an inventory (a key
 * linked in by mistake) must not end up in a CI log or a pull-request comment.
 */
export function secretLooking(value: string): string | undefined {
  if (/-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE)/.test(value)) return "a key or certificate";
  if (/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/.test(value)) return "a token";
  if (/\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value)) return "an access key";
  for (const [run] of value.matchAll(/\b[0-9a-f]{40,}\b/gi)) {
    if (/[0-9]/.test(run) && /[a-f]/i.test(run)) return "a key or token";
  }
  // Random-looking base64: long, and upper case, lower case and digits mixed (names use words
  // joined by - or _, which do not count here).
  for (const [run] of value.matchAll(/[A-Za-z0-9+/=]{32,}/g)) {
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run)) return "a key or token";
  }
  return undefined;
}

/** A value in a message: `(hidden: …)` when it looks like a credential, else `showValue`. */
export function showExcerpt(value: string, max = MAX_SHOWN): string {
  const secret = secretLooking(value);
  return secret === undefined ? showValue(value, max) : `(hidden: it looks like ${secret})`;
}

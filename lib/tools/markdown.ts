/**
 * Markdown for pull-request comments, from values that may come from anywhere (names, plan
 * output): nothing a value holds can close its code span or block, or become a heading, a link,
 * HTML or emphasis, and invisible characters show as `<U+001B ESCAPE>` (the comment is also read
 * in CI logs, where a raw escape sequence could repaint a line).
 */
import { escapeInvisible } from "../io/show-value";

/**
 * An inline code span holding `text` (line breaks as spaces, other invisible characters
 * escaped), whatever backticks it contains. A space pads the content when it starts or ends with a backtick, and when it both
 * starts and ends with a space but is not all spaces (CommonMark strips one space from each side
 * of such content).
 */
export function inlineCode(text: string): string {
  const flat = escapeInvisible(text.replace(/[\r\n]+/g, " "));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const spaced = flat.startsWith(" ") && flat.endsWith(" ") && /[^ ]/.test(flat);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" || spaced ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** An inline code span for a table cell: a `|` would end the cell even inside code. */
export function tableCode(text: string): string {
  return inlineCode(text).replace(/\|/g, "\\|");
}

/**
 * A fenced code block holding `text` (invisible characters other than line feeds and tabs
 * escaped), with a fence longer than any backtick run in it.
 */
export function codeBlock(value: string, language = "text"): string {
  const text = escapeInvisible(value, "\n\t");
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/**
 * Plain text inside a line, with every character escaped that could start emphasis, code, a link,
 * an image, HTML, an entity or a table cell, on one line. `:` and the `.` of `www.` are escaped
 * too, so that GitHub's autolink extension cannot turn a URL into a link. (`-` and `.` matter only
 * at a line's start, where callers never put a value. An e-mail address can still become a
 * mailto: link on GitHub: that extension reads the text after escapes.)
 */
export function escapeText(text: string): string {
  return escapeInvisible(text.replace(/[\r\n]+/g, " "))
    .replace(/[\\`*_{}[\]()#+!|<>&~:]/g, (c) => `\\${c}`)
    .replace(/www\./g, "www\\.");
}

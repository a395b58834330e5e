/**
 * Markdown for pull-request comments, from values that may come from anywhere (names, plan
 * output): nothing a value holds can close its code span or block, or become a heading, a link,
 * HTML or emphasis.
 */

/** An inline code span holding `text` exactly, whatever backticks it contains. */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** An inline code span for a table cell: a `|` would end the cell even inside code. */
export function tableCode(text: string): string {
  return inlineCode(text).replace(/\|/g, "\\|");
}

/** A fenced code block holding `text` exactly, with a fence longer than any backtick run in it. */
export function codeBlock(text: string, language = "text"): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/**
 * Plain text inside a line, with every character escaped that could start emphasis, code, a link,
 * an image, HTML or a table cell, on one line. (`-` and `.` matter only at a line's start, where
 * callers never put a value.)
 */
export function escapeText(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[\\`*_{}[\]()#+!|<>&~]/g, (c) => `\\${c}`);
}

/** Quoting for generated PowerShell: a value never leaves its string. */

/** PowerShell treats these as single quotes too (left, right, low-9 and reversed-9 quotes). */
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/**
 * A single-quoted PowerShell string literal holding `value` verbatim: inside single quotes
 * PowerShell expands nothing (`$`, backtick, `"` are plain), and each quote character is doubled.
 */
export function powershellString(value: string): string {
  return `'${value.replace(SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

/**
 * Checks on an inventory's raw bytes and text that keep the YAML parser away from input it cannot
 * handle gracefully: huge files, binary data, pathological nesting.
 */

/** Largest inventory file read: a 3,200-server inventory is about 0.5 MB. */
export const MAX_INVENTORY_BYTES = 4 * 1024 * 1024;

/** Deepest nesting of flow collections (`[`, `{`) or indentation levels accepted. */
export const MAX_NESTING = 64;

/** A problem found in a file's bytes (or size) before it is parsed. */
export interface BytesProblem {
  readonly message: string;
  readonly value?: string;
  readonly hint: string;
}

/** The problem of a file larger than an inventory may be. */
export function sizeProblem(size: number): BytesProblem {
  return {
    message: `is larger than the ${MAX_INVENTORY_BYTES / 1024 / 1024} MiB an inventory may be`,
    value: `${(size / 1024 / 1024).toFixed(1)} MiB`,
    hint: "split the deployment into several inventory files, one per BIG-IP pair",
  };
}

/** What is wrong with the raw bytes of a file, or `undefined` when they are fine. */
export function bytesProblem(bytes: Uint8Array): BytesProblem | undefined {
  if (bytes.length > MAX_INVENTORY_BYTES) return sizeProblem(bytes.length);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      message: "is UTF-16 text (Windows PowerShell's default for > and Out-File)",
      hint: "save it as UTF-8, e.g. Get-Content in.yaml | Set-Content -Encoding utf8 out.yaml",
    };
  }
  if (bytes.includes(0) || !isUtf8(bytes)) {
    return {
      message: "is not a UTF-8 text file",
      hint: "inventories are YAML or JSON text; check that the right file is in inventories/",
    };
  }
  return undefined;
}

/**
 * The 1-based line of the first place the text nests too deep, or `undefined`: more than
 * `MAX_NESTING` open `[` / `{` (counted even inside quotes and comments, so it may overcount,
 * never undercount), or a line whose block structure is deeper than `MAX_NESTING` levels of four
 * characters: its indentation together with the block indicators (`- `, `? `, `: `), anchors and
 * tags before its first value (`- - - x` nests a sequence per dash). Real inventories nest only a
 * few levels; the yaml parser overflows its stack or runs out of memory on thousands.
 */
export function tooDeepLine(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    if (leadingStructureWidth(text, start, end) > MAX_NESTING * 4) return line;
    for (let i = start; i < end; i++) {
      const char = text.charCodeAt(i);
      if (char === OPEN_BRACKET || char === OPEN_BRACE) {
        if (++depth > MAX_NESTING) return line;
      } else if ((char === CLOSE_BRACKET || char === CLOSE_BRACE) && depth > 0) {
        depth--;
      }
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * How many characters at the start of the line `text[start, end)` are block structure:
 * indentation, and indicators, anchors and tags each followed by a space or tab.
 */
function leadingStructureWidth(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const char = text.charCodeAt(i);
    if (char === SPACE || char === TAB) {
      i++;
      continue;
    }
    let token = i + 1;
    if (char === AMPERSAND || char === EXCLAMATION) {
      while (token < end && !isBlank(text.charCodeAt(token))) token++;
    } else if (char !== DASH && char !== QUESTION && char !== COLON) {
      break;
    }
    if (token >= end || !isBlank(text.charCodeAt(token))) break;
    i = token;
  }
  return i - start;
}

function isBlank(char: number): boolean {
  return char === SPACE || char === TAB;
}

const [SPACE, TAB, OPEN_BRACKET, OPEN_BRACE, CLOSE_BRACKET, CLOSE_BRACE] = [..." \t[{]}"].map(
  (char) => char.charCodeAt(0),
);
const [DASH, QUESTION, COLON, AMPERSAND, EXCLAMATION] = [..."-?:&!"].map((char) =>
  char.charCodeAt(0),
);

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

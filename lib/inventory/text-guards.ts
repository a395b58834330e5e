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
 * never undercount), or a line indented by more than `MAX_NESTING` levels of four spaces. Real
 * inventories nest only a few levels; the yaml parser runs out of memory on millions.
 */
export function tooDeepLine(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  let indent: number | undefined = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === NEWLINE) {
      line++;
      indent = 0;
    } else if (indent !== undefined && char === SPACE) {
      if (++indent > MAX_NESTING * 4) return line;
    } else {
      indent = undefined;
      if (char === OPEN_BRACKET || char === OPEN_BRACE) {
        if (++depth > MAX_NESTING) return line;
      } else if ((char === CLOSE_BRACKET || char === CLOSE_BRACE) && depth > 0) {
        depth--;
      }
    }
  }
  return undefined;
}

const [NEWLINE, SPACE, OPEN_BRACKET, OPEN_BRACE, CLOSE_BRACKET, CLOSE_BRACE] = [..."\n [{]}"].map(
  (char) => char.charCodeAt(0),
);

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

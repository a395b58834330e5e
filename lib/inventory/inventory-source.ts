/**
 * An inventory file's text parsed as YAML (JSON is YAML too), keeping source positions so every
 * problem can point at the line and column of the value it is about.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { formatKeyPath, type KeyPath } from "./key-path";
import type { Problem, Severity } from "./problem";

/** Where a key path points: at its value (the default) or at its key. */
export type Anchor = "value" | "key";

/** Details of a problem, before its position is known. */
export interface ProblemDetails {
  readonly message: string;
  readonly value?: string;
  readonly hint?: string;
  readonly severity?: Severity;
}

/** A parsed inventory file and the means to locate a key path in it. */
export class InventorySource {
  /** Problems of the YAML text itself: syntax errors, duplicate keys. */
  public readonly syntaxProblems: readonly Problem[];
  /** The document as plain data (`undefined` for an empty file). */
  public readonly data: unknown;
  private readonly document: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    public readonly file: string,
    text: string,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
    this.syntaxProblems = this.document.errors.map((error) => {
      const [start] = error.linePos ?? [{ line: 1, col: 1 }];
      const duplicate = error.code === "DUPLICATE_KEY";
      return {
        file,
        line: start.line,
        column: start.col,
        severity: "error",
        path: "",
        message: duplicate
          ? "the file gives the same key twice in one map"
          : `the file is not valid YAML: ${yamlReason(error.message)}`,
        value: duplicate ? keyAt(text, error.pos[0]) : undefined,
        hint: duplicate ? "keep one of the two" : "fix the syntax at this position",
      } satisfies Problem;
    });
    this.data = this.syntaxProblems.length === 0 ? this.document.toJS() : undefined;
  }

  /** A problem about the value (or key) at `path`, positioned at the closest node that exists. */
  problemAt(path: KeyPath, details: ProblemDetails, anchor: Anchor = "value"): Problem {
    const { line, column } = this.locate(path, anchor);
    return {
      file: this.file,
      line,
      column,
      severity: details.severity ?? "error",
      path: formatKeyPath(path),
      message: details.message,
      value: details.value,
      hint: details.hint,
    };
  }

  /** Line and column of the node at `path`; for a missing key, of the map that should hold it. */
  locate(path: KeyPath, anchor: Anchor = "value"): { line: number; column: number } {
    let node: unknown = this.document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const part of path) {
      const next = childOf(node, part);
      if (!next) break;
      const target = anchor === "key" && next.key !== undefined ? next.key : next.value;
      offset = rangeStart(target) ?? rangeStart(next.key) ?? offset;
      node = next.value;
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

function childOf(
  node: unknown,
  part: string | number,
): { key?: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && item.key.value === part,
    );
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof part === "number" && part < node.items.length) {
    return { value: node.items[part] };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

/** The parser's reason without its trailing position and source excerpt. */
function yamlReason(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

/** The key written at `offset`, for the message about a duplicate key. */
function keyAt(text: string, offset: number): string {
  return /^[^:\n]*/.exec(text.slice(offset))![0].trim();
}

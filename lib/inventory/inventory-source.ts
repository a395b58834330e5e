/**
 * An inventory file's text parsed as YAML (JSON is YAML too), keeping source positions so every
 * problem can point at the line and column of the value it is about.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from "yaml";
import { showValue } from "../io/show-value";
import { findDuplicateKeys } from "./duplicate-keys";
import { formatKeyPath, namesAlong, type KeyPath } from "./key-path";
import type { Problem, Severity } from "./problem";

/** How many alias expansions a document may need; an inventory needs none. */
const MAX_ALIAS_COUNT = 100;

/** The tags of YAML 1.2's core schema: the only ones an inventory may carry. */
const CORE_TAGS: ReadonlySet<string> = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`),
);

/** Whether a file is read as JSON (`.json`): its problems are named in JSON's terms. */
export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

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
  /** The document as plain data (`undefined` for an empty file or one with syntax problems). */
  public readonly data: unknown;
  private readonly document: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    public readonly file: string,
    text: string,
  ) {
    // resolveKnownTags: false keeps !!binary, !!set, !!timestamp... as plain values: an inventory
    // holds only strings, numbers, lists and maps. Duplicate keys are found below, with their
    // key paths (uniqueKeys: false).
    this.document = parseDocument(text, {
      lineCounter: this.lines,
      uniqueKeys: false,
      resolveKnownTags: false,
      // The library's warnings (a list used as a key...) would go to the process's stderr.
      logLevel: "error",
    });
    const json = isJsonFile(file);
    this.syntaxProblems = oneErrorPerMistake(this.document.errors).map((error) => {
      const [start] = error.linePos ?? [{ line: 1, col: 1 }];
      return {
        file,
        line: start.line,
        column: start.col,
        severity: "error",
        path: "",
        rule: json ? "json" : "yaml",
        ...syntaxProblemDetails(error, text, json),
      } satisfies Problem;
    });
    this.data = undefined;
    if (this.syntaxProblems.length > 0) return;
    let data: unknown;
    try {
      data = this.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // The yaml package refuses documents whose aliases expand beyond maxAliasCount.
      this.syntaxProblems = [
        {
          file,
          line: 1,
          column: 1,
          severity: "error",
          path: "",
          rule: "yaml",
          message: `the file expands YAML aliases too often: ${(error as Error).message}`,
          hint: "write the values out instead of repeating anchors (&) and aliases (*)",
        },
      ];
      return;
    }
    this.syntaxProblems = [
      ...this.duplicateKeyProblems(data, json),
      ...this.collectionKeyProblems(),
      ...this.yaml12Problems(text),
    ];
    if (this.syntaxProblems.length === 0) this.data = data;
  }

  /**
   * Keys given twice in one map, at the second one, with its key path and where the first is: in
   * JSON's words for a `.json` file.
   */
  private duplicateKeyProblems(data: unknown, json: boolean): Problem[] {
    return findDuplicateKeys(this.document.contents).map(({ path, offset, firstOffset }) => {
      const { line, col } = this.lines.linePos(offset);
      const first = this.lines.linePos(firstOffset);
      return {
        file: this.file,
        line,
        column: col,
        severity: "error",
        path: formatKeyPath(path),
        names: namesAlong(data, path),
        rule: json ? "json" : "yaml",
        message: `appears twice in one ${json ? "JSON object" : "map"} (first at ${first.line}:${first.col})`,
        hint: json
          ? "keep one: JSON readers disagree on which of the two counts (JavaScript keeps the last, others the first)"
          : "keep one of the two",
      };
    });
  }

  /**
   * What other YAML tools would read differently: only YAML 1.2's core is read here. A `%YAML`
   * directive other than 1.2 (YAML 1.1 reads `010` as 8, `yes` as true, and merges `<<` keys), a
   * tag other than the core ones (`!env X` would be taken as the text `X`), a whole number with a
   * leading zero (`010`: 10 here, 8 to YAML 1.1 tools) or written in octal (`0o10`).
   */
  private yaml12Problems(text: string): Problem[] {
    const problems: Problem[] = [];
    const at = (offset: number, details: { message: string; hint: string }) =>
      problems.push(this.yamlProblem(offset, details));
    const directive = this.document.directives?.yaml;
    if (directive?.explicit && directive.version !== "1.2") {
      at(Math.max(text.search(/^%YAML/m), 0), {
        message: `the directive %YAML ${directive.version} asks for another YAML, which reads values differently (010 as 8, yes as true, << as a merge)`,
        hint: "remove the directive: inventories are read as YAML 1.2",
      });
      // Under another YAML every value may be read otherwise: this is the one cause to report.
      return problems;
    }
    visit(this.document, {
      Node: (_, node) => {
        const start = rangeStart(node) ?? 0;
        if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
          at(start, {
            message: `the tag ${showValue(node.tag.replace(/^tag:yaml\.org,2002:/, "!!"), 60)} is not read: the value after it would be taken as plain text`,
            hint: "write the value itself, without a tag",
          });
        }
        if (isScalar(node) && typeof node.value === "number" && node.source !== undefined) {
          if (/^[-+]?(0[0-9]|0o)/i.test(node.source)) {
            at(start, {
              message: `the number ${showValue(node.source, 40)} is written with a leading zero or in octal: this tool reads ${node.value}, YAML 1.1 tools read it otherwise`,
              hint: `write ${node.value}`,
            });
          }
        }
      },
    });
    return problems;
  }

  /** A list or map used as a key (`? [x]`): an inventory's keys are names. */
  private collectionKeyProblems(): Problem[] {
    const problems: Problem[] = [];
    visit(this.document, {
      Pair: (_, pair) => {
        if (isScalar(pair.key) || pair.key === null) return;
        problems.push(
          this.yamlProblem(rangeStart(pair.key) ?? 0, {
            message: "a key is a list or a map",
            hint: "inventory keys are plain names such as bigip or entryPoints",
          }),
        );
        return visit.BREAK;
      },
    });
    return problems;
  }

  /** An error of the YAML itself (not of a value's meaning) at an offset of the text. */
  private yamlProblem(offset: number, details: { message: string; hint: string }): Problem {
    const { line, col } = this.lines.linePos(offset);
    return {
      file: this.file,
      line,
      column: col,
      severity: "error",
      path: "",
      rule: "yaml",
      ...details,
    };
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
      names: namesAlong(this.data, path),
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

/**
 * The YAML errors that are mistakes of their own. After a syntax error the parser recovers
 * poorly: one line indented a space short gives eight errors, each about the text after it. So
 * only the first is reported (a file without one gets every duplicate key, see
 * `duplicateKeyProblems`).
 */
function oneErrorPerMistake(errors: readonly YAMLError[]): YAMLError[] {
  if (errors.length === 0) return [];
  return [errors.reduce((first, error) => (error.pos[0] < first.pos[0] ? error : first))];
}

/**
 * What a YAML syntax error means for an inventory, and what to do. A `.json` file reached the YAML
 * reader as valid JSON (parse-inventory.ts checks it first), so an error there is no YAML advice.
 */
function syntaxProblemDetails(error: YAMLError, text: string, json: boolean): ProblemDetails {
  const reason = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (json) {
    return {
      message: `the JSON could not be read as an inventory: ${reason}`,
      hint: "write it as plain JSON of maps, lists, strings and numbers; or name the file .yaml",
    };
  }
  const value = restOfLine(text, error.pos[0]);
  const indentation = indentationProblem(text, error.linePos?.[0].line);
  if (indentation) return indentation;
  if (error.code === "MULTIPLE_DOCS") {
    return {
      message: "the file holds more than one YAML document (a second '---')",
      hint: "an inventory is one document: put each BIG-IP pair in a file of its own",
    };
  }
  // `clientPrefix: 2131:0:0:1000::` - a plain value ending in ':' reads as a nested key.
  if (error.code === "BLOCK_AS_IMPLICIT_KEY" && value.endsWith(":")) {
    return {
      message: "the value ends in ':', which YAML reads as the start of a nested map",
      value,
      hint: `quote it: "${value}"`,
    };
  }
  // `internalAddress 2001:db8:10::12`: a key and its value without the ':' between them.
  const key = /^([A-Za-z_][\w.-]*)\s+[^\s:#]/.exec(value)?.[1];
  if (error.code === "MULTILINE_IMPLICIT_KEY" && key !== undefined) {
    return {
      message: `the key ${key} has no ':' after it`,
      value,
      hint: `write '${key}: ' and then the value`,
    };
  }
  return {
    message: `the file is not valid YAML: ${reason}`,
    hint: "fix the syntax at this position",
  };
}

/**
 * A line indented to no level of the lines above it (one space short, or one too many): YAML
 * reads the structure from indentation, so the parser's own message is about what follows.
 */
function indentationProblem(text: string, line: number | undefined): ProblemDetails | undefined {
  if (line === undefined) return undefined;
  const lines = text.split("\n");
  const indent = (row: string) => /^ */.exec(row)![0].length;
  const target = lines[line - 1] ?? "";
  if (/^\s*(#|$)/.test(target) || line === 1) return undefined;
  const levels = new Set<number>();
  for (const row of lines.slice(0, line - 1)) {
    if (/^\s*(#|$)/.test(row)) continue;
    levels.add(indent(row));
    // The content of a list item (`  - name: x`) is a level too: its map's keys line up with it.
    const item = /^( *- +)\S/.exec(row);
    if (item) levels.add(item[1].length);
  }
  const spaces = indent(target);
  if (levels.has(spaces)) return undefined;
  const below = Math.max(-1, ...[...levels].filter((level) => level < spaces));
  const above = Math.min(Infinity, ...[...levels].filter((level) => level > spaces));
  const around = [below, above].filter((level) => level >= 0 && level < Infinity).join(" or ");
  return {
    message: `the line is indented ${spaces} spaces, which matches no level of the lines above${around ? ` (${around} nearby)` : ""}`,
    hint: "YAML reads the structure from indentation: indent the line as far as the other keys of its map or items of its list, with spaces",
  };
}

/** The text from `offset` to the end of its line, without trailing spaces or comment. */
function restOfLine(text: string, offset: number): string {
  return /^[^\n#]*/.exec(text.slice(offset))![0].trim();
}

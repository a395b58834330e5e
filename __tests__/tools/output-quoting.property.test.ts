/**
 * Properties of the quoting of values in generated output: the Markdown of pull-request comments
 * (`lib/tools/markdown.ts`) and the PowerShell of the routes script (`lib/io/powershell.ts`).
 * Whatever a value holds, it stays the value: plain text, one code span, one cell, one literal.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { powershellString } from "../../lib/io/powershell";
import { escapeInvisible } from "../../lib/io/show-value";
import { codeBlock, escapeText, inlineCode, tableCode } from "../../lib/tools/markdown";

/** Characters that mean something to Markdown, PowerShell or YAML, and invisible ones. */
const TRICKY = [
  ..."`*_{}[]()#+-.!|<>&~\\:@'\"$;=%^",
  ..."\u2018\u2019\u201a\u201b\u201c\u201d",
  " ",
  "  ",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u0000",
  "\u000b",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "```",
  "~~~",
  "www.",
  "http://",
  "<b>",
  "&amp;",
  "&#64;",
  "[x](http://e.example)",
  "![i](x.png)",
  "<https://e.example>",
];

/** Strings built mostly from the characters above, with any Unicode mixed in. */
const value = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 2, arbitrary: fc.constantFrom(..."aZ09 ") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 40,
});

/** The text a value becomes on one line: line breaks are spaces, invisible characters named. */
function flat(text: string): string {
  return escapeInvisible(text.replace(/[\r\n]+/g, " "));
}

/** CommonMark replaces U+0000 with U+FFFD. */
function asParsed(text: string): string {
  return text.replaceAll("\u0000", "\ufffd");
}

// ---------------------------------------------------------------------------------------------
// Markdown: the contract read directly from the text.

/** escapeText's contract: every character it names is escaped, and the text is one line. */
const ESCAPED = /^(?:\\[\\`*_{}[\]()#+!|<>&~:.]|[^\\`*_{}[\]()#+!|<>&~:\r\n])*$/;

test("escapeText leaves no markup character unescaped and no line break", () => {
  fc.assert(
    fc.property(value, (text) => {
      const escaped = escapeText(text);
      expect(escaped).toMatch(ESCAPED);
      // GitHub's autolink extension starts a link at "www." and at "://".
      expect(escaped).not.toContain("www.");
    }),
    { numRuns: 500 },
  );
});

/**
 * A GFM table row split into cells as cmark-gfm does: a `|` is a delimiter unless the character
 * directly before it is a backslash (its cell scanner takes the longest match, so any backslash
 * before a pipe escapes it), then the backslash directly before each pipe is dropped.
 */
function gfmCells(row: string): string[] {
  const inner = row.replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "|" && inner[i - 1] !== "\\") {
      cells.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(inner.slice(start));
  return cells.map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

test("tableCode stays in its cell of a GFM table row and becomes inlineCode there", () => {
  fc.assert(
    fc.property(value, value, (a, b) => {
      const cells = gfmCells(`| ${tableCode(a)} | ${tableCode(b)} |`);
      expect(cells).toEqual([inlineCode(a), inlineCode(b)]);
    }),
    { numRuns: 500 },
  );
});

// ---------------------------------------------------------------------------------------------
// Markdown through a real CommonMark parser: commonmark.js is in node_modules (a dependency of
// the cdktf CLI's jsii tools); the project does not depend on it, so without it these are skipped.

interface MarkdownNode {
  readonly type: string;
  readonly literal: string | null;
  readonly firstChild: MarkdownNode | null;
  readonly next: MarkdownNode | null;
}
interface CommonMark {
  readonly Parser: new () => { parse(text: string): MarkdownNode };
}

function loadCommonMark(): CommonMark | undefined {
  try {
    return createRequire(__filename)("commonmark") as CommonMark;
  } catch {
    return undefined;
  }
}

const commonmark = loadCommonMark();
const withParser = commonmark ? test : test.skip;

function children(node: MarkdownNode): MarkdownNode[] {
  const list: MarkdownNode[] = [];
  for (let child = node.firstChild; child; child = child.next) list.push(child);
  return list;
}

/** The inline nodes of a document that must be one paragraph. */
function paragraph(markdown: string): MarkdownNode[] {
  const blocks = children(new commonmark!.Parser().parse(markdown));
  expect(blocks.map((block) => block.type)).toEqual(["paragraph"]);
  return children(blocks[0]);
}

withParser(
  "escapeText renders as its text, invisible characters named: no emphasis, code, link, HTML or entity",
  () => {
    fc.assert(
      fc.property(value, (text) => {
        const inlines = paragraph(`Stack ${escapeText(text)} end`);
        expect(inlines.map((node) => node.type).filter((type) => type !== "text")).toEqual([]);
        expect(inlines.map((node) => node.literal).join("")).toBe(
          asParsed(`Stack ${flat(text)} end`),
        );
      }),
      { numRuns: 500 },
    );
  },
);

withParser(
  "inlineCode renders as one code span holding the text, invisible characters named",
  () => {
    fc.assert(
      fc.property(
        value.filter((text) => text !== ""),
        (text) => {
          const inlines = paragraph(`Name ${inlineCode(text)} end`);
          expect(inlines.map((node) => node.type)).toEqual(["text", "code", "text"]);
          expect(inlines[1].literal).toBe(asParsed(flat(text)));
          expect(inlines[2].literal).toBe(" end");
        },
      ),
      { numRuns: 500 },
    );
  },
);

withParser(
  "codeBlock renders as one fenced code block holding the text, invisible characters but line feeds and tabs named",
  () => {
    fc.assert(
      fc.property(value, (text) => {
        const blocks = children(
          new commonmark!.Parser().parse(`Before\n\n${codeBlock(text)}\n\nAfter`),
        );
        expect(blocks.map((block) => block.type)).toEqual(["paragraph", "code_block", "paragraph"]);
        // A final line ending is the block's own.
        const lines = escapeInvisible(text, "\n\t").replace(/\n$/, "");
        expect(blocks[1].literal).toBe(`${lines}\n`);
      }),
      { numRuns: 500 },
    );
  },
);

// ---------------------------------------------------------------------------------------------
// PowerShell: a reference reader of single-quoted string literals.

/** What PowerShell treats as a single quote: ' and the Unicode single quotation marks. */
const SINGLE_QUOTE = /^['\u2018\u2019\u201a\u201b]$/;

/**
 * Reads the single-quoted literal at the start of `source` as PowerShell's tokenizer does: it
 * opens with any single quote; inside, a single quote followed by another single quote stands for
 * the second one; a single quote followed by anything else ends the literal. Nothing else is
 * special (no `$`, no backtick escapes).
 * @returns the value and the length of the literal, or undefined when it is not closed
 */
function readSingleQuoted(source: string): { value: string; length: number } | undefined {
  if (!SINGLE_QUOTE.test(source[0] ?? "")) return undefined;
  let value = "";
  for (let i = 1; i < source.length; i++) {
    if (SINGLE_QUOTE.test(source[i])) {
      if (!SINGLE_QUOTE.test(source[i + 1] ?? "")) return { value, length: i + 1 };
      i++;
    }
    value += source[i];
  }
  return undefined;
}

const powershellValue = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(..."'\u2018\u2019\u201a\u201b\"`$(){};#\n ") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 30,
});

test("the reference reader knows PowerShell's quotes", () => {
  expect(readSingleQuoted("'it''s' rest")).toEqual({ value: "it's", length: 7 });
  expect(readSingleQuoted("'a\u2019\u2019b'")).toEqual({ value: "a\u2019b", length: 6 });
  expect(readSingleQuoted("'a\u2019 -X")).toEqual({ value: "a", length: 3 });
  expect(readSingleQuoted("'open")).toBeUndefined();
});

test("powershellString is one literal that reads back as the value", () => {
  fc.assert(
    fc.property(powershellValue, powershellValue, (a, b) => {
      const command = "New-NetRoute -DestinationPrefix ";
      const between = " -InterfaceAlias ";
      const line = `${command}${powershellString(a)}${between}${powershellString(b)} -Publish Yes`;
      const first = readSingleQuoted(line.slice(command.length));
      expect(first).toEqual({ value: a, length: powershellString(a).length });
      const rest = line.slice(command.length + first!.length);
      expect(rest.startsWith(between)).toBe(true);
      const second = readSingleQuoted(rest.slice(between.length));
      expect(second).toEqual({ value: b, length: powershellString(b).length });
      expect(rest.slice(between.length + second!.length)).toBe(" -Publish Yes");
    }),
    { numRuns: 1000 },
  );
});

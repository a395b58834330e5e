/**
 * The commands and files the README shows, read from its code blocks, so that a test runs what a
 * reader copies: when the README changes to something that does not work, the test fails.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

const README = path.resolve(__dirname, "..", "..", "..", "README.md");

/** A README section: from its heading (`## Quick start`) to the next heading of its level or above. */
export function readmeSection(heading: string): string {
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level}} `, "m"));
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * The section's fenced code blocks of one language (`sh`, `hcl`), in order, without the
 * indentation of a block inside a list item.
 */
export function codeBlocks(section: string, language: string): string[] {
  return [...section.matchAll(/^( *)```(\w*)\n([^]*?)^\1```$/gm)]
    .filter(([, , lang]) => lang === language)
    .map(([, indent, , body]) =>
      body
        .split("\n")
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
        .join("\n"),
    );
}

/** The shell lines of a block, without blank lines and whole-line comments. */
export function commandLines(block: string): string[] {
  return block.split("\n").filter((line) => line.trim() !== "" && !/^\s*#/.test(line));
}

/**
 * Property: whatever a hand edit does to a valid inventory, parsing ends in a model or in
 * structured problems, never in an exception.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parseInventory, type Problem } from "../../lib/inventory";

const EXAMPLE = readFileSync("inventories/corp-east.yaml", "utf8");

/** Edits a network engineer (or a bad merge) might make to the text. */
const textEdit = fc.oneof(
  // Replace a span with random text (including YAML punctuation).
  fc.record({
    at: fc.nat(),
    length: fc.nat({ max: 20 }),
    insert: fc.string({ unit: fc.constantFrom(..."abc019:/[]{}-#&*'\"%. \n\t") }),
  }),
  // Swap two lines, or drop one.
  fc.record({ line: fc.nat(), other: fc.nat(), drop: fc.boolean() }),
);

function applyEdit(text: string, edit: object): string {
  if ("insert" in edit) {
    const { at, length, insert } = edit as { at: number; length: number; insert: string };
    const start = at % (text.length + 1);
    return text.slice(0, start) + insert + text.slice(start + length);
  }
  const { line, other, drop } = edit as { line: number; other: number; drop: boolean };
  const lines = text.split("\n");
  const [i, j] = [line % lines.length, other % lines.length];
  if (drop) lines.splice(i, 1);
  else [lines[i], lines[j]] = [lines[j], lines[i]];
  return lines.join("\n");
}

/** Edits of the parsed data: a value replaced by another type or a suspicious address. */
const valueEdit = fc.record({
  pick: fc.nat(),
  value: fc.oneof(
    fc.constantFrom(
      "2001::/32",
      "::ffff:10.0.0.1",
      "fe80::1%eth0",
      "2131::/200",
      "",
      "none",
      "/Common",
    ),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
  ),
});

/** A structured problem, and not the catch-all for an internal error (which would be a bug). */
function isStructured(problem: Problem): boolean {
  return (
    !problem.message.startsWith("could not be checked") &&
    problem.line >= 1 &&
    problem.column >= 1 &&
    (problem.severity === "error" || problem.severity === "warning") &&
    typeof problem.message === "string" &&
    problem.message.length > 0
  );
}

test("text edits end in a model or structured problems", () => {
  fc.assert(
    fc.property(fc.array(textEdit, { minLength: 1, maxLength: 4 }), (edits) => {
      const text = edits.reduce<string>((current, edit) => applyEdit(current, edit), EXAMPLE);
      const { inventory, problems } = parseInventory("inventories/mutated.yaml", text);
      expect(problems.every(isStructured)).toBe(true);
      if (!inventory) expect(problems.some((problem) => problem.severity === "error")).toBe(true);
    }),
    { numRuns: 300 },
  );
});

test("value edits of the JSON form end in a model or structured problems", () => {
  const data = JSON.parse(JSON.stringify(parseInventory("x.yaml", EXAMPLE).source?.data));
  fc.assert(
    fc.property(fc.array(valueEdit, { minLength: 1, maxLength: 3 }), (edits) => {
      const copy = structuredClone(data);
      for (const { pick, value } of edits) setNthLeaf(copy, pick, value);
      const { inventory, problems } = parseInventory(
        "inventories/mutated.json",
        JSON.stringify(copy),
      );
      expect(problems.every(isStructured)).toBe(true);
      if (!inventory) expect(problems.some((problem) => problem.severity === "error")).toBe(true);
    }),
    { numRuns: 300 },
  );
});

/** Replaces the n-th (modulo count) scalar value of a JSON tree. */
function setNthLeaf(root: unknown, n: number, value: unknown): void {
  const leaves: [Record<string, unknown>, string][] = [];
  const walk = (node: unknown) => {
    if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (child && typeof child === "object") walk(child);
        else leaves.push([node as Record<string, unknown>, key]);
      }
    }
  };
  walk(root);
  const [parent, key] = leaves[n % leaves.length];
  parent[key] = value;
}

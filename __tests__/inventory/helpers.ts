import { readFileSync } from "node:fs";
import { formatProblem, parseInventory, type ParsedInventory } from "../../lib/inventory";

export const INVALID = "__tests__/fixtures/invalid";
export const VALID = "__tests__/fixtures/valid";

/** Parses a fixture file the way `validate` reads it. */
export function parseFixture(file: string): ParsedInventory {
  return parseInventory(file, readFileSync(file, "utf8"));
}

/** The formatted problems of an invalid fixture, without the file name prefix. */
export function problemLines(name: string): string[] {
  const file = `${INVALID}/${name}`;
  const parsed = parseFixture(file);
  expect(parsed.inventory).toBeUndefined();
  return parsed.problems.map((problem) => formatProblem(problem).replace(`${file}:`, ""));
}

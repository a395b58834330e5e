/** The README's examples stay true: the inventory example is valid, the quick start is two commands. */
import { readFileSync } from "node:fs";
import { parseInventory } from "../lib/inventory";

const readme = readFileSync("README.md", "utf8");

test("the inventory example in the README is a valid inventory", () => {
  const section = readme.slice(readme.indexOf("## The inventory"));
  const example = /```yaml\n([^]*?)```/.exec(section)![1];
  const { inventory, problems } = parseInventory("README.md", example);
  expect(problems).toEqual([]);
  expect(inventory?.stackName).toBe("corp-east");
});

test("the quick start is exactly the two commands CI runs", () => {
  const quickStart = /## Quick start\n\n```sh\n([^]*?)```/.exec(readme)![1];
  expect(quickStart).toBe("npm ci && npm run synth\nnpm test\n");
  expect(readFileSync(".ci/run", "utf8")).toContain("npm ci && npm run synth\nnpm test\n");
});

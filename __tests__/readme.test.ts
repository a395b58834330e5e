/**
 * The README's examples stay true: the inventory example is valid, the quick start is two commands.
 * The documentation holds together: the README links every file in docs/, relative links and their
 * anchors resolve, and every path of the project layout exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parseInventory } from "../lib/inventory";

const readme = readFileSync("README.md", "utf8");

test("the README stays under 24 KB: details belong in docs/", () => {
  expect(Buffer.byteLength(readme, "utf8")).toBeLessThan(24 * 1024);
});

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

const DOCS = readdirSync("docs")
  .filter((file) => file.endsWith(".md"))
  .map((file) => `docs/${file}`);
const MARKDOWN = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", ...DOCS];

/** Markdown without its fenced code blocks (example output holds `#` lines and brackets). */
function prose(file: string): string {
  return readFileSync(file, "utf8").replace(/^ *```[^]*?^ *```/gm, "");
}

/** GitHub's heading anchors of a Markdown file. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(file).matchAll(/^#{1,6} (.*)$/gm)) {
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug);
    seen.set(slug, (count ?? -1) + 1);
    result.add(count === undefined ? slug : `${slug}-${count + 1}`);
  }
  return result;
}

test("the README's Documentation list links every file in docs/", () => {
  const list = readme.slice(readme.indexOf("## Documentation"));
  for (const file of DOCS) expect([file, list.includes(`](${file})`)]).toEqual([file, true]);
});

test.each(MARKDOWN)("every relative link in %s reaches a file and a heading", (file) => {
  const broken: string[] = [];
  for (const [, target] of prose(file).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(target)) continue;
    const [relative, anchor] = target.split("#");
    const linked = relative ? path.join(path.dirname(file), relative) : file;
    if (!existsSync(linked)) broken.push(target);
    else if (anchor && linked.endsWith(".md") && !anchors(linked).has(anchor)) broken.push(target);
  }
  expect(broken).toEqual([]);
});

/** The "Map of the code" section of CONTRIBUTING.md. */
function codeMap(): string {
  const contributing = readFileSync("CONTRIBUTING.md", "utf8");
  const start = contributing.indexOf("## Map of the code");
  return contributing.slice(start, contributing.indexOf("\n## ", start + 1));
}

/** The paths a map line names first, before its colon: `lib/io/`, `scripts/run-app.cjs`. */
function mappedPaths(map: string): string[] {
  return map
    .split("\n")
    .filter((line) => line.startsWith("- `"))
    .flatMap((line) => [...line.split(": ")[0].matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

test("every path the map of the code in CONTRIBUTING.md names exists", () => {
  const paths = mappedPaths(codeMap());
  expect(paths.length).toBeGreaterThan(20);
  expect(paths.filter((file) => !existsSync(file))).toEqual([]);
});

test("the map of the code names every folder and file of lib/ and scripts/", () => {
  const paths = mappedPaths(codeMap());
  // An entry is named by itself or by a folder it lies in (lib/inventory/rules/ by lib/inventory/).
  const named = (entry: string) =>
    paths.includes(entry) ||
    paths.some((mapped) => mapped.endsWith("/") && entry.startsWith(mapped));
  const tree = ["lib", "scripts"].flatMap((root) =>
    readdirSync(root, { recursive: true, withFileTypes: true }).map((entry) => {
      const relative = path.relative(".", path.join(entry.parentPath, entry.name));
      return relative.split(path.sep).join("/") + (entry.isDirectory() ? "/" : "");
    }),
  );
  expect(tree.length).toBeGreaterThan(100);
  expect(tree.filter((entry) => !named(entry))).toEqual([]);
});

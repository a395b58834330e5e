/** Input that is not an inventory at all ends in one clear error, never in a crash. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { formatProblem, loadInventories, MAX_NESTING } from "../../lib/inventory";

let work: string;
beforeAll(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-hostile-"))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes `content` to a file and returns the formatted problems of loading it. */
function problemsOf(name: string, content: string | Buffer): string[] {
  const file = path.join(work, name);
  writeFileSync(file, content);
  const { inventories, problems } = loadInventories([file]);
  expect(inventories).toEqual([]);
  return problems.map((problem) => formatProblem(problem).replace(`${file}:`, ""));
}

test("rejects a 10 MB file without parsing it", () => {
  const line = "# padding padding padding padding padding padding padding padding padding\n";
  expect(problemsOf("huge.yaml", line.repeat(Math.ceil(10_000_000 / line.length)))).toEqual([
    "1:1: error: the file is larger than the 4 MiB an inventory may be, got '9.5 MiB'; split the deployment into several inventory files, one per BIG-IP pair",
  ]);
});

test("rejects binary junk", () => {
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256));
  expect(problemsOf("junk.yaml", junk)).toEqual([
    "1:1: error: the file is not a UTF-8 text file; inventories are YAML or JSON text; check that the right file is in inventories/",
  ]);
});

test("rejects deeply nested flow collections before the parser sees them", () => {
  const depth = 1_000_000;
  expect(problemsOf("deep-flow.yaml", "[".repeat(depth) + "]".repeat(depth))).toEqual([
    `1:1: error: nests deeper than ${MAX_NESTING} levels; an inventory nests only a few levels; check that this is an inventory file`,
  ]);
});

test("rejects deeply nested block maps", () => {
  const text = Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
  expect(problemsOf("deep-block.yaml", text)).toEqual([
    `258:1: error: nests deeper than ${MAX_NESTING} levels; an inventory nests only a few levels; check that this is an inventory file`,
  ]);
});

test("rejects a YAML alias bomb with a clear error", () => {
  const bomb = [
    "a: &a [x, x, x, x, x, x, x, x, x]",
    ...Array.from({ length: 8 }, (_, i) => {
      const name = String.fromCharCode(98 + i);
      const previous = String.fromCharCode(97 + i);
      return `${name}: &${name} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`;
    }),
  ].join("\n");
  expect(problemsOf("bomb.yaml", bomb)).toEqual([
    "1:1: error: the file expands YAML aliases too often: Excessive alias count indicates a resource exhaustion attack; write the values out instead of repeating anchors (&) and aliases (*)",
  ]);
});

test("accepts a file saved on Windows: byte order mark and CRLF line endings", () => {
  const file = path.join(work, "windows.yaml");
  const text = [
    "bigip:",
    "  vlans: [/Common/internal]",
    "entryPoints:",
    "  - name: east",
    "    clientPrefix: 2131:0:0:1000::/64",
    '    servers: [{ name: da-east-1, internalAddress: "2001:db8:10::11" }]',
    "",
  ].join("\r\n");
  writeFileSync(file, "\uFEFF" + text);
  const { inventories, problems } = loadInventories([file]);
  expect(problems).toEqual([]);
  expect(inventories[0].entryPoints[0].servers[0].internalAddress).toBe("2001:db8:10::11");
});

test.each([
  ["block sequences on one line", "- ".repeat(5000) + "x"],
  ["complex keys on one line", "? ".repeat(5000) + "x"],
  ["anchored and tagged sequences", "- &a !t ".repeat(2000) + "x"],
  ["sequences separated by tabs", "-\t".repeat(5000) + "x"],
])("rejects deeply nested %s before the parser sees them", (_, text) => {
  expect(problemsOf("deep-line.yaml", text)).toEqual([
    `1:1: error: nests deeper than ${MAX_NESTING} levels; an inventory nests only a few levels; check that this is an inventory file`,
  ]);
});

test("a line of dashes is a value, not nesting", () => {
  expect(problemsOf("dashes.yaml", "-".repeat(5000))[0]).toMatch(/^1:1: error: .*must be a map/);
});

test("rejects a list used as a key, at the key", () => {
  const text = "bigip: { vlans: [/Common/internal] }\n? [x]\n: y\n";
  expect(problemsOf("complex-key.yaml", text)).toEqual([
    "2:3: error: a key is a list or a map; inventory keys are plain names such as bigip or entryPoints",
  ]);
});

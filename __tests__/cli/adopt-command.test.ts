import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseDocument, type Node } from "yaml";
import { runCli } from "./run-cli";
import { CLUSTER_AND_BRANCH, synthStack, validInventory } from "../stack-helpers";

const PRETTIER = path.resolve("node_modules/prettier/bin/prettier.cjs");
const FIXTURES = path.join("__tests__", "fixtures", "adopt");

/** `prettier --check` on files outside the repository, with the repository's settings. */
function prettierCheck(files: string[]) {
  const config = path.resolve(".prettierrc.json");
  return spawnSync(process.execPath, [PRETTIER, "--config", config, "--check", ...files], {
    encoding: "utf8",
  });
}

let work: string;
let file: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-adopt-"));
  file = path.join(work, "corp-east.yaml");
  copyFileSync("inventories/corp-east.yaml", file);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

test("writes the hand-built names into the server, keeps the comments, and prints the procedure", () => {
  const result = runCli(
    "adopt",
    file,
    "--server",
    "east/da-east-2",
    "--pool",
    "/Common/DA2_ManageOut_pool",
    "--virtual",
    "/Common/DA2_ManageOut_vs",
  );
  expect(result).toEqual({
    code: 0,
    stderr: "",
    stdout: [
      `${file}: east/da-east-2 adopts /Common/DA2_ManageOut_pool and /Common/DA2_ManageOut_vs`,
      "",
      '1. npm run cdktf -- diff corp-east: the plan must show "/Common/DA2_ManageOut_pool" will be imported and "/Common/DA2_ManageOut_vs" will be imported, no destroy; updates in place (description, VLANs, profiles) are expected.',
      "2. Right before deploying, remove the hand-built pool member (the provider cannot import it; Manage Out to da-east-2's clients pauses until the deploy adds it again):",
      "   tmsh modify ltm pool /Common/DA2_ManageOut_pool members delete { 2001:db8:10::12.0 }",
      "3. npm run deploy -- corp-east",
      "4. npm run cdktf -- diff corp-east must then show no changes.",
      "",
    ].join("\n"),
  });
  const text = readFileSync(file, "utf8");
  expect(text).toContain("# Load-balanced DA cluster");
  expect(text).toContain(
    "        existing:\n          pool: /Common/DA2_ManageOut_pool\n          virtualServer: /Common/DA2_ManageOut_vs\n",
  );
});

test("the adopted inventory keeps the hand-built names and imports pool and virtual server", () => {
  runCli(
    "adopt",
    file,
    "--server",
    "east/da-east-2",
    "--pool",
    "/Common/DA2_pool",
    "--virtual",
    "/Common/DA2_vs",
  );
  const stack = synthStack(readFileSync(file, "utf8")) as unknown as {
    import: { id: string; to: string }[];
    resource: Record<string, Record<string, { name?: string }>>;
  };
  const address = (type: string, name: string) =>
    `${type}.${Object.entries(stack.resource[type]).find(([, resource]) => resource.name === name)![0]}`;
  expect(stack.import).toEqual([
    { id: "/Common/DA2_pool", to: address("bigip_ltm_pool", "/Common/DA2_pool") },
    { id: "/Common/DA2_vs", to: address("bigip_ltm_virtual_server", "/Common/DA2_vs") },
  ]);
  // Only adopted objects are imported: the pool attachment cannot be, the others are new.
  expect(Object.keys(stack.resource.bigip_ltm_pool)).toHaveLength(4);
});

test("leaves the file unchanged when the result would be invalid, located at the server in the file", () => {
  const before = readFileSync(file, "utf8");
  const result = runCli("adopt", file, "--server", "east/da-east-2", "--pool", "DA2_pool");
  const line = before.split("\n").indexOf("      - name: da-east-2") + 1;
  expect(result).toEqual({
    code: 1,
    stdout: "",
    stderr:
      `${file}:${line}:9: error: entryPoints[0].servers[1].existing.pool (east/da-east-2, --pool) must be a full path, got 'DA2_pool'; give the hand-built object's name with its partition, e.g. /Common/DA1_pool (tmsh list ltm pool)\n` +
      `da-manage-out adopt: ${file} left unchanged\n`,
  });
  expect(readFileSync(file, "utf8")).toBe(before);
});

test.each([
  [
    ["--server", "east/da-east-9", "--pool", "/Common/x"],
    1,
    "the inventory has no server 'east/da-east-9'",
  ],
  [["--pool", "/Common/x"], 2, "--server <entry point>/<server> is required"],
  [["--server", "east", "--pool", "/Common/x"], 2, "--server east: write <entry point>/<server>"],
  [["--server", "east/da/1", "--pool", "/Common/x"], 2, "--server east/da/1: write"],
  [
    ["--server", "east/da-east-2\u001b[2J", "--pool", "/Common/x"],
    2,
    "--server east/da-east-2<U+001B ESCAPE>[2J holds invisible characters",
  ],
  [
    ["--server", "east/da-east-2\u200b", "--pool", "/Common/x"],
    2,
    "--server east/da-east-2<U+200B ZERO WIDTH SPACE> holds invisible characters",
  ],
  [["--server", "east/da-east-2"], 2, "give --pool, --virtual, --node, or several of them"],
])("refuses %j, the file unchanged", (args, code, message) => {
  const before = readFileSync(file);
  const result = runCli("adopt", file, ...args);
  expect(result).toMatchObject({ code, stdout: "" });
  expect(result.stderr).toContain(message);
  expect(readFileSync(file)).toEqual(before);
});

describe("the file keeps its form", () => {
  /** The first and last line (0-based) of server `e`/`s` in a YAML text, its comments included. */
  function serverLines(text: string, e: number, s: number): [number, number] {
    const node = parseDocument(text).getIn(["entryPoints", e, "servers", s], true) as Node;
    const lineOf = (offset: number) => text.slice(0, offset).split("\n").length - 1;
    return [lineOf(node.range![0]), lineOf(node.range![2] - 1)];
  }

  /**
   * The lines that `after` has in place of `before`'s, which must all stand within `lines` of
   * `before` (or right after its last one): every other line is the same, byte for byte.
   */
  function changedLinesWithin(before: string, after: string, lines: [number, number]): string[] {
    const old = before.split("\n");
    const edited = after.split("\n");
    let head = 0;
    while (head < old.length && old[head] === edited[head]) head++;
    let tail = 0;
    while (
      tail < old.length - head &&
      tail < edited.length - head &&
      old[old.length - 1 - tail] === edited[edited.length - 1 - tail]
    ) {
      tail++;
    }
    expect(head).toBeGreaterThanOrEqual(lines[0]);
    expect(old.length - tail).toBeLessThanOrEqual(lines[1] + 1);
    return edited.slice(head, edited.length - tail);
  }

  test("every server of the example inventories and of a commented file: only its lines change, and prettier still accepts the file", () => {
    const sources = [
      ...readdirSync("inventories")
        .filter((name) => name.endsWith(".yaml"))
        .map((name) => path.join("inventories", name)),
      path.join(FIXTURES, "commented.yaml"),
    ];
    expect(sources.length).toBeGreaterThan(2);
    const checked: string[] = [];
    for (const source of sources) {
      const before = readFileSync(source, "utf8");
      validInventory(before, source).entryPoints.forEach((entryPoint, e) =>
        entryPoint.servers.forEach((server, s) => {
          const target = path.join(work, `${e}-${s}-${path.basename(source)}`);
          writeFileSync(target, before);
          const pool = `/Common/${server.name}_pool`;
          const virtual = `/Common/${server.name}_vs`;
          const name = `${entryPoint.name}/${server.name}`;
          const result = runCli(
            "adopt",
            target,
            "--server",
            name,
            "--pool",
            pool,
            "--virtual",
            virtual,
          );
          expect([name, result.code, result.stderr]).toEqual([name, 0, ""]);
          const after = readFileSync(target, "utf8");
          const changed = changedLinesWithin(before, after, serverLines(before, e, s));
          if (source.startsWith("inventories")) {
            expect(changed).toEqual([
              "        existing:",
              `          pool: ${pool}`,
              `          virtualServer: ${virtual}`,
            ]);
          }
          // A server written on one line stays on one line, which prettier may then break.
          if (!changed.some((line) => line.trimStart().startsWith("- {"))) checked.push(target);
        }),
      );
    }
    expect(checked.length).toBeGreaterThan(6);
    const prettier = prettierCheck(checked);
    expect([prettier.status, prettier.stdout + prettier.stderr]).toEqual([0, expect.anything()]);
  });

  test("a server written as a flow map gets existing inside its braces", () => {
    writeFileSync(file, `name: lab\n${CLUSTER_AND_BRANCH}`);
    const before = readFileSync(file, "utf8");
    expect(runCli("adopt", file, "--server", "east/da-east-2", "--virtual", "/Common/v").code).toBe(
      0,
    );
    const after = readFileSync(file, "utf8");
    const line = before.split("\n").find((it) => it.includes("da-east-2"))!;
    expect(after).toBe(
      before.replace(line, line.replace(/ }$/, ", existing: { virtualServer: /Common/v } }")),
    );
  });

  test.each([
    ["json-2-spaces.json", 2, "\n"],
    ["json-4-spaces.json", 4, "\n"],
    ["json-tabs.json", "\t", "\n"],
    ["json-minified.json", 0, ""],
  ])(
    "%s stays JSON, laid out as JSON.stringify with its indentation lays it out",
    (name, indent, end) => {
      // The same text under a .yaml name: JSON is recognised by its content.
      for (const target of [path.join(work, name), path.join(work, `${name}.yaml`)]) {
        copyFileSync(path.join(FIXTURES, name), target);
        const data = JSON.parse(readFileSync(target, "utf8"));
        const result = runCli("adopt", target, "--server", "east/da-east-1", "--pool", "/Common/p");
        expect([result.code, result.stderr]).toEqual([0, ""]);
        data.entryPoints[0].servers[0].existing = { pool: "/Common/p" };
        expect(readFileSync(target, "utf8")).toBe(JSON.stringify(data, null, indent) + end);
      }
    },
  );

  test("a file saved on Windows keeps its byte order mark and CRLF line endings", () => {
    const text = readFileSync("inventories/corp-east.yaml", "utf8").replace(/\n/g, "\r\n");
    writeFileSync(file, "\uFEFF" + text);
    expect(runCli("adopt", file, "--server", "east/da-east-1", "--pool", "/Common/p").code).toBe(0);
    const after = readFileSync(file, "utf8");
    expect(after.startsWith("\uFEFF")).toBe(true);
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    expect(after).toContain("\r\n        existing:\r\n          pool: /Common/p\r\n");
  });
});

describe("a second adoption merges with the first", () => {
  test("adopting the virtual server keeps the pool adopted before", () => {
    runCli("adopt", file, "--server", "east/da-east-2", "--pool", "/Common/DA2_pool");
    const result = runCli(
      "adopt",
      file,
      "--server",
      "east/da-east-2",
      "--virtual",
      "/Common/DA2_vs",
    );
    expect(result.code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain(
      "        existing:\n          pool: /Common/DA2_pool\n          virtualServer: /Common/DA2_vs\n",
    );
  });

  test("giving a key again replaces its value and says so", () => {
    runCli("adopt", file, "--server", "east/da-east-2", "--pool", "/Common/old_pool");
    const result = runCli(
      "adopt",
      file,
      "--server",
      "east/da-east-2",
      "--pool",
      "/Common/new_pool",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${file}: existing.pool was /Common/old_pool, now replaced\n`);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("          pool: /Common/new_pool\n");
    expect(text).not.toContain("old_pool");
  });
});

describe("on any failure the file is left as it was", () => {
  const bad: [string, string | Buffer, string][] = [
    ["empty", "", "the inventory file is empty"],
    ["a scalar", "hello\n", "the inventory must be a map"],
    ["a list", "- a\n- b\n", "the inventory must be a map"],
    ["broken YAML", "bigip: [\n", "the file is not valid YAML"],
    [
      "UTF-16",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("bigip: {}\n", "utf16le")]),
      "the file is UTF-16 text",
    ],
    ["binary", Buffer.from([0, 1, 2, 3, 255, 254, 0]), "the file is not a UTF-8 text file"],
  ];

  test.each(bad)("an inventory that is %s: its problem, exit 1", (_, content, message) => {
    writeFileSync(file, content);
    const result = runCli("adopt", file, "--server", "east/da-east-1", "--pool", "/Common/p");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: error: `),
    );
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(
      `da-manage-out adopt: ${file} is not a valid inventory; fix it first`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at |TypeError/);
    expect(readFileSync(file)).toEqual(Buffer.from(content));
  });

  test.each([
    ["a missing file", (dir: string) => path.join(dir, "missing.yaml"), "does not exist"],
    ["a directory", (dir: string) => dir, "is not a regular file (a directory)"],
  ])("%s: one line, exit 2", (_, target, reason) => {
    const result = runCli("adopt", target(work), "--server", "east/da-east-1", "--pool", "/C/p");
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain(reason);
  });

  test("a link out of the repository is not followed", () => {
    const outside = mkdtempSync(path.join(tmpdir(), "da-manage-out-outside-"));
    try {
      copyFileSync("inventories/corp-east.yaml", path.join(outside, "corp-east.yaml"));
      const link = path.join("inventories", `.adopt-link-test-${process.pid}.yaml`);
      symlinkSync(path.join(outside, "corp-east.yaml"), link);
      try {
        const result = runCli("adopt", link, "--server", "east/da-east-1", "--pool", "/C/p");
        expect(result.code).toBe(2);
        expect(result.stderr).toContain("is a link that leaves the repository");
      } finally {
        rmSync(link);
      }
      expect(readFileSync(path.join(outside, "corp-east.yaml"), "utf8")).toBe(
        readFileSync("inventories/corp-east.yaml", "utf8"),
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test.each([
    [
      ["--server", "east/da-east-9", "--pool", "/Common/p"],
      "the inventory has no server 'east/da-east-9'; its servers are east/da-east-1, east/da-east-2, east/da-east-3, branch-leeds/da-leeds-1; left unchanged",
    ],
    [
      ["--server", "east/da-east-1", "--pool", "/Common/p\ndelete ltm pool all"],
      "existing.pool (east/da-east-1, --pool) must be a full path, got '/Common/p<U+000A LINE FEED>delete ltm pool all'",
    ],
    [
      ["--server", "east/da-east-2", "--pool", "/Common/da_mo_east_da-east-1_pool"],
      "existing.pool (east/da-east-2, --pool) is the name of the pool entryPoints[0].servers[0] (da-east-1) creates",
    ],
    [
      ["--server", "east/da-east-2", "--virtual", "/Common/v\u001b[31m"],
      "existing.virtualServer (east/da-east-2, --virtual) must be a full path, got '/Common/v<U+001B ESCAPE>[31m'",
    ],
  ])("%j: the reason, exit 1, nothing written", (args, message) => {
    const before = readFileSync(file);
    const result = runCli("adopt", file, ...args);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toContain(message);
    expect(readFileSync(file)).toEqual(before);
  });

  test("a FIFO: one line, exit 2, without waiting for a writer", () => {
    const fifo = path.join(work, "inventory.yaml");
    execFileSync("mkfifo", [fifo]);
    const result = runCli("adopt", fifo, "--server", "east/da-east-1", "--pool", "/Common/p");
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain("is not a regular file (a FIFO)");
  });

  test("an inventory that already holds an existing.pool with a line break is refused before anything is written", () => {
    const planted = path.join(work, "planted.yaml");
    copyFileSync("__tests__/fixtures/hostile/refused/newline-in-adopted-pool.yaml", planted);
    const before = readFileSync(planted);
    const result = runCli("adopt", planted, "--server", "east/da-east-1", "--virtual", "/Common/v");
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toContain(
      "existing.pool (east/da-east-1) must be a full path, got '/Common/p<U+000A LINE FEED>  delete ltm pool all'",
    );
    expect(result.stderr).toContain(`${planted} is not a valid inventory; fix it first`);
    expect(result.stderr).not.toContain("tmsh modify");
    expect(readFileSync(planted)).toEqual(before);
  });

  test("an existing map written as a YAML alias: the reason, exit 1, nothing written", () => {
    copyFileSync(path.join(FIXTURES, "alias-existing.yaml"), file);
    const before = readFileSync(file);
    const result = runCli("adopt", file, "--server", "east/da-east-2", "--pool", "/Common/p");
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `da-manage-out adopt: ${file}: the existing key of east/da-east-2 is written as a YAML alias; write it out to adopt its objects; left unchanged\n`,
    });
    expect(readFileSync(file)).toEqual(before);
  });

  test("no temporary file is left next to the inventory, written or refused", () => {
    expect(runCli("adopt", file, "--server", "east/da-east-1", "--pool", "/Common/p").code).toBe(0);
    expect(runCli("adopt", file, "--server", "east/da-east-1", "--pool", "p").code).toBe(1);
    expect(readdirSync(work)).toEqual(["corp-east.yaml"]);
  });
});

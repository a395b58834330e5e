import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli } from "./run-cli";
import { CLUSTER_AND_BRANCH, synthStack } from "../stack-helpers";

const PRETTIER = path.resolve("node_modules/prettier/bin/prettier.cjs");

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
      '1. npx cdktf diff corp-east: the plan must show "/Common/DA2_ManageOut_pool" will be imported and "/Common/DA2_ManageOut_vs" will be imported, no destroy; updates in place (description, VLANs, profiles) are expected.',
      "2. Right before deploying, remove the hand-built pool member (the provider cannot import it; Manage Out to da-east-2's clients pauses until the deploy adds it again):",
      "   tmsh modify ltm pool /Common/DA2_ManageOut_pool members delete { 2001:db8:10::12.0 }",
      "3. npx cdktf deploy corp-east",
      "4. npx cdktf diff corp-east must then show no changes.",
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

test("leaves the file unchanged when the result would be invalid", () => {
  const before = readFileSync(file, "utf8");
  const result = runCli("adopt", file, "--server", "east/da-east-2", "--pool", "DA2_pool");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("existing.pool must be a full path, got 'DA2_pool'");
  expect(result.stderr).toContain(`da-manage-out adopt: ${file} left unchanged`);
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
  [["--server", "east/da-east-2"], 2, "give --pool, --virtual or both"],
])("refuses %j", (args, code, message) => {
  const result = runCli("adopt", file, ...args);
  expect(result.code).toBe(code);
  expect(result.stderr).toContain(message);
});

describe("the file keeps its form", () => {
  /** The lines of `after` that are not in `before`, in order (a line-level diff's additions). */
  function addedLines(before: string, after: string): string[] {
    const old = before.split("\n");
    const lines = after.split("\n");
    let i = 0;
    return lines.filter((line) => (old[i] === line ? (i++, false) : true));
  }

  test.each(["corp-east", "corp-west"])(
    "%s: only the new lines are added, and prettier still accepts the file",
    (name) => {
      const inventory = path.join(work, `${name}.yaml`);
      copyFileSync(`inventories/${name}.yaml`, inventory);
      const before = readFileSync(inventory, "utf8");
      const server = name === "corp-east" ? "east/da-east-2" : "west/da-west-1";
      expect(runCli("adopt", inventory, "--server", server, "--pool", "/Common/DA_pool").code).toBe(
        0,
      );
      const after = readFileSync(inventory, "utf8");
      expect(addedLines(before, after)).toEqual([
        "        existing:",
        "          pool: /Common/DA_pool",
      ]);
      expect(after.split("\n").length).toBe(before.split("\n").length + 2);
      const prettier = spawnSync(process.execPath, [PRETTIER, "--check", inventory], {
        encoding: "utf8",
      });
      expect(prettier.status).toBe(0);
    },
  );

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

  test("a JSON inventory stays JSON, indented as it was", () => {
    const json = path.join(work, "lab.json");
    const data = {
      name: "lab",
      bigip: { vlans: ["/Common/internal"] },
      entryPoints: [
        {
          name: "east",
          clientPrefix: "2131:0:0:1000::/64",
          servers: [{ name: "da-east-1", internalAddress: "2001:db8:10::11" }],
        },
      ],
    };
    for (const indent of [2, 4, "\t", 0]) {
      writeFileSync(json, JSON.stringify(data, null, indent) + "\n");
      const result = runCli("adopt", json, "--server", "east/da-east-1", "--pool", "/Common/p");
      expect([indent, result.code, result.stderr]).toEqual([indent, 0, ""]);
      const after = readFileSync(json, "utf8");
      const expected = structuredClone(data) as typeof data & {
        entryPoints: { servers: { existing?: object }[] }[];
      };
      expected.entryPoints[0].servers[0].existing = { pool: "/Common/p" };
      expect(JSON.parse(after)).toEqual(expected);
      // Nothing else changes: the new key follows the server's last value, on a line of its own
      // in indented JSON, on the same line in minified JSON.
      const original = JSON.stringify(data, null, indent) + "\n";
      const last = /([ \t]*)"internalAddress": ?"2001:db8:10::11"/.exec(original)!;
      const separator = indent === 0 ? ", " : `,\n${last[1]}`;
      expect(after).toBe(
        original.replace(last[0], `${last[0]}${separator}"existing": { "pool": "/Common/p" }`),
      );
    }
  });

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
      ["--server", "east/da-east-9\u001b[2J", "--pool", "/Common/p"],
      "the inventory has no server 'east/da-east-9<U+001B ESCAPE>[2J'; its servers are east/da-east-1, east/da-east-2, east/da-east-3, branch-leeds/da-leeds-1",
    ],
    [
      ["--server", "east/da-east-1", "--pool", "/Common/p\ndelete ltm pool all"],
      "existing.pool must be a full path, got '/Common/p<U+000A LINE FEED>delete ltm pool all'",
    ],
    [
      ["--server", "east/da-east-2", "--pool", "/Common/da_mo_east_da-east-1_pool"],
      "is the name of the pool entryPoints[0].servers[0] (da-east-1) creates",
    ],
  ])("%j: the reason, exit 1, nothing written", (args, message) => {
    const before = readFileSync(file);
    const result = runCli("adopt", file, ...args);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toContain(message);
    expect(readFileSync(file)).toEqual(before);
  });
});

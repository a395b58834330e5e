import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli } from "./run-cli";
import { synthStack } from "../stack-helpers";

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
  [["--server", "east/da-east-2"], 2, "give --pool, --virtual or both"],
])("refuses %j", (args, code, message) => {
  const result = runCli("adopt", file, ...args);
  expect(result.code).toBe(code);
  expect(result.stderr).toContain(message);
});

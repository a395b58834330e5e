import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Inventory } from "../../lib/inventory";
import {
  AdoptionError,
  adoptionProcedure,
  findServer,
  serverArgumentProblem,
  withAdoption,
  type Adoption,
} from "../../lib/tools/adopt";
import { CLUSTER_AND_BRANCH, validInventory } from "../stack-helpers";

const FIXTURES = path.join("__tests__", "fixtures", "adopt");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

/** The adoption applied to a valid inventory text; the result must be a valid inventory too. */
function adopt(text: string, adoption: Adoption, file = "inventories/lab.yaml"): string {
  const edit = withAdoption(text, validInventory(text, file), adoption);
  validInventory(edit.text, file);
  return edit.text;
}

/** The message of the AdoptionError `run` throws. */
function adoptionError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AdoptionError);
    return (error as Error).message;
  }
  throw new Error("no AdoptionError thrown");
}

/** The lab inventory whose branch server (written as a flow map) has `existing: <existing>`. */
const branchWith = (existing: string) =>
  `name: lab\n${CLUSTER_AND_BRANCH}`.replace(
    'internalAddress: "2001:db8:20::11" }',
    `internalAddress: "2001:db8:20::11", existing: ${existing} }`,
  );

describe("--server", () => {
  test.each(["east/da-east-1", "branch.leeds/DA_1"])("accepts %j", (server) => {
    expect(serverArgumentProblem(server)).toBeUndefined();
  });

  test.each([
    ["east", "--server east: write <entry point>/<server>, e.g. east/da-east-1"],
    ["east/da/1", "--server east/da/1: write <entry point>/<server>"],
    ["/da-east-1", "--server /da-east-1: write <entry point>/<server>"],
    ["east/", "--server east/: write <entry point>/<server>"],
    ["east/da-east-1\n", "--server east/da-east-1<U+000A LINE FEED> holds invisible characters"],
    [
      "east/da\u200beast-1",
      "--server east/da<U+200B ZERO WIDTH SPACE>east-1 holds invisible characters",
    ],
    ["east/da-east-1\u001b[2J", "--server east/da-east-1<U+001B ESCAPE>[2J holds invisible"],
  ])("refuses %j, the value shown escaped", (server, message) => {
    expect(serverArgumentProblem(server)).toContain(message);
  });

  test("a server not in the inventory: at most ten of its servers are named", () => {
    const inventory = validInventory(fixture("twelve-servers.yaml"));
    const message = adoptionError(() => findServer(inventory, "east/da-east-13"));
    expect(message).toBe(
      "the inventory has no server 'east/da-east-13'; its servers are " +
        [...Array(10).keys()].map((i) => `east/da-east-${i + 1}`).join(", ") +
        ", ... (12 in all)",
    );
  });

  test("a server named in another case: the hint names the right one", () => {
    const inventory = validInventory(fixture("twelve-servers.yaml"));
    expect(adoptionError(() => findServer(inventory, "East/DA-EAST-2"))).toContain(
      "no server 'East/DA-EAST-2' (did you mean east/da-east-2? names are case-sensitive)",
    );
  });
});

describe("JSON stays JSON, laid out as it was", () => {
  type Data = { entryPoints: { servers: { existing?: Record<string, string> }[] }[] };

  test.each([
    ["json-2-spaces.json", 2, "\n"],
    ["json-4-spaces.json", 4, "\n"],
    ["json-tabs.json", "\t", "\n"],
    ["json-minified.json", 0, ""],
  ])("%s: adopting, merging and replacing give what JSON.stringify gives", (name, indent, end) => {
    const text = fixture(name);
    const data = JSON.parse(text) as Data;
    expect(text).toBe(JSON.stringify(data, null, indent) + end);
    const file = `inventories/${name}`;
    // A server without existing: the key is added last.
    const first = adopt(text, { server: "east/da-east-1", pool: "/Common/DA1_pool" }, file);
    data.entryPoints[0].servers[0].existing = { pool: "/Common/DA1_pool" };
    expect(first).toBe(JSON.stringify(data, null, indent) + end);
    // A server with existing.pool: the virtual server is added, the pool kept.
    const second = adopt(
      first,
      { server: "east/da-east-2", virtualServer: "/Common/DA2_vs" },
      file,
    );
    data.entryPoints[0].servers[1].existing = {
      pool: "/Common/DA2_pool",
      virtualServer: "/Common/DA2_vs",
    };
    expect(second).toBe(JSON.stringify(data, null, indent) + end);
    // A key given again: replaced where it stands.
    const third = withAdoption(second, validInventory(second, file), {
      server: "east/da-east-2",
      pool: "/Common/DA2_new_pool",
    });
    data.entryPoints[0].servers[1].existing.pool = "/Common/DA2_new_pool";
    expect(third).toEqual({
      text: JSON.stringify(data, null, indent) + end,
      replaced: [{ key: "pool", before: "/Common/DA2_pool" }],
    });
  });

  test("JSON with a byte order mark and CRLF line endings keeps both", () => {
    const text = "\uFEFF" + fixture("json-2-spaces.json").replace(/\n/g, "\r\n");
    const after = adopt(text, { server: "branch/da-branch-1", virtualServer: "/Common/v" });
    const data = JSON.parse(text.slice(1)) as Data;
    data.entryPoints[1].servers[0].existing = { virtualServer: "/Common/v" };
    expect(after).toBe("\uFEFF" + JSON.stringify(data, null, 2).replace(/\n/g, "\r\n") + "\r\n");
  });

  test("JSON on one line with spaces keeps its spacing", () => {
    const text = readFileSync("__tests__/fixtures/hostile/accepted/flow-style-quoted.yaml", "utf8");
    const last = '"internalAddress": "2001:0DB8:001A:0000:0000:0000:0000:0014"';
    expect(adopt(text, { server: "lab/da-lab-1", pool: "/Common/p" })).toBe(
      text.replace(last, `${last}, "existing": { "pool": "/Common/p" }`),
    );
  });

  test.each([
    [2, "\n"],
    [0, ""],
  ])(
    "an empty existing map in JSON (indent %j) is filled as JSON.stringify writes it",
    (indent) => {
      const data = JSON.parse(fixture("json-2-spaces.json")) as Data;
      data.entryPoints[1].servers[0].existing = {};
      const text = JSON.stringify(data, null, indent);
      const after = adopt(text, { server: "branch/da-branch-1", pool: "/Common/p" });
      data.entryPoints[1].servers[0].existing = { pool: "/Common/p" };
      expect(after).toBe(JSON.stringify(data, null, indent));
    },
  );
});

describe("YAML: only the server's existing changes", () => {
  test.each([
    [
      "an empty existing map in a block server becomes a flow map with the keys",
      fixture("commented.yaml"),
      { server: "east/da-east-4", pool: "/Common/p" },
      "        existing: {}\n",
      "        existing: { pool: /Common/p }\n",
    ],
    [
      "an empty existing map in a flow server is filled in place",
      branchWith("{}"),
      { server: "branch/da-branch-1", virtualServer: "/Common/v" },
      "existing: {}",
      "existing: { virtualServer: /Common/v }",
    ],
    [
      "a file indented by four spaces gets existing's keys indented by four more",
      fixture("four-spaces.yaml"),
      { server: "east/da-east-1", pool: "/Common/p" },
      "2001:db8:10::11\n",
      "2001:db8:10::11\n                existing:\n                    pool: /Common/p\n",
    ],
    [
      "a comment at the end of the server stays after the new key",
      fixture("commented.yaml"),
      { server: "east/da-east-1", virtualServer: "/Common/v" },
      '"2131:0:0:1000::/64"\n',
      '"2131:0:0:1000::/64"\n        existing:\n          virtualServer: /Common/v\n',
    ],
    [
      "adding the virtual server keeps the pool and its comment",
      fixture("commented.yaml"),
      { server: "east/da-east-2", virtualServer: "/Common/DA2_vs" },
      "# built by hand in 2019\n",
      "# built by hand in 2019\n          virtualServer: /Common/DA2_vs\n",
    ],
  ])("%s", (_, text, adoption, from, to) => {
    expect(text.split(from)).toHaveLength(2);
    expect(adopt(text, adoption)).toBe(text.replace(from, to));
  });

  test("giving a value already set changes nothing, not even its quotes", () => {
    const text = branchWith("{ pool: '/Common/p' }");
    const inventory = validInventory(text);
    expect(
      withAdoption(text, inventory, { server: "branch/da-branch-1", pool: "/Common/p" }),
    ).toEqual({
      text,
      replaced: [],
    });
  });

  test("refuses to edit an existing map written as an alias", () => {
    const text = fixture("alias-existing.yaml");
    const inventory = validInventory(text);
    expect(
      adoptionError(() =>
        withAdoption(text, inventory, { server: "east/da-east-2", pool: "/C/p" }),
      ),
    ).toBe(
      "the existing key of east/da-east-2 is written as a YAML alias; write it out to adopt its objects",
    );
    // Filling the anchored map would change the alias too: the read-back check refuses it.
    expect(
      adoptionError(() =>
        withAdoption(text, inventory, { server: "east/da-east-1", pool: "/C/p" }),
      ),
    ).toBe(
      "the file's layout around east/da-east-1 could not be edited safely; add existing: by hand",
    );
  });
});

describe("the procedure", () => {
  const text = branchWith("{ pool: /Common/DA1_pool, virtualServer: /Common/DA1_vs }");

  test("takes the names from the checked inventory, for the keys the adoption gave", () => {
    const procedure = adoptionProcedure(validInventory(text), {
      server: "branch/da-branch-1",
      virtualServer: "/Common/DA1_vs",
    });
    expect(procedure).toBe(
      [
        '1. npm run cdktf -- diff lab: the plan must show "/Common/DA1_vs" will be imported, no destroy; updates in place (description, VLANs, profiles) are expected.',
        "2. npm run deploy -- lab",
        "3. npm run cdktf -- diff lab must then show no changes.",
      ].join("\n"),
    );
  });

  test("refuses a pool name with a line break, so no second tmsh command can be printed", () => {
    const inventory = validInventory(text);
    const branch = inventory.entryPoints[1];
    const pool = "/Common/p\ndelete ltm pool all";
    const forged: Inventory = {
      ...inventory,
      entryPoints: [
        inventory.entryPoints[0],
        { ...branch, servers: [{ ...branch.servers[0], existing: { pool } }] },
      ],
    };
    expect(() => adoptionProcedure(forged, { server: "branch/da-branch-1", pool })).toThrow(
      "existing.pool of branch/da-branch-1 is not a full path, got '/Common/p<U+000A LINE FEED>delete ltm pool all'",
    );
  });
});

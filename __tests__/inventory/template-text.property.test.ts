// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * Property: a string with cdktf's token markers or Terraform's template sequences, put into any
 * string field of an inventory, is refused, or reaches cdk.tf.json as the same literal text; it
 * never becomes a reference. And the construct layer refuses such values whatever calls it.
 */
import { Testing } from "cdktf";
import fc from "fast-check";
import { ManageOutStack } from "../../lib/constructs/manage-out-stack";
import { hasErrors, parseInventory } from "../../lib/inventory";
import { synthText, validInventory } from "../stack-helpers";

/** What cdktf and Terraform read as references or expressions. */
const MARKERS = [
  "${TfToken[TOKEN.1]}",
  "${TfToken[TOKEN.99999]}",
  "#{TfToken[TOKEN.2]}",
  "TfToken[TOKEN.3]",
  "${bigip_ltm_pool.x.name}",
  "${var.bigip_password}",
  "%{ if true }x%{ endif }",
];

/** A valid inventory with every string field set, as a JSON-compatible document. */
/** A JSON document: maps, lists and plain values. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function document(): { [key: string]: Json } {
  return {
    name: "lab",
    bigip: {
      host: "bigip-lab.corp.example",
      deviceHostname: "bigip-lab-1.corp.example",
      partition: "Common",
      vlans: ["/Common/internal"],
      monitor: "/Common/gateway_icmp",
      namePrefix: "da_mo",
      fastL4Profile: "/Common/fastL4",
      selfAddress: "2001:db8:10::1",
      configSync: { deviceGroup: "Sync-Failover-Group" },
      credentials: { userVariable: "bigip_lab_user", passwordVariable: "bigip_lab_password" },
    },
    terraform: {
      backend: { type: "s3", bucket: "state", key: "lab.tfstate", region: "eu-west-1" },
    },
    entryPoints: [
      {
        name: "lab",
        clientPrefix: "2001:db8:8000:1000::/59",
        servers: [
          {
            name: "da-1",
            internalAddress: "2001:db8:10::11",
            clientPrefix: "2001:db8:8000:1000::/64",
            existing: { pool: "/Common/DA1_pool", virtualServer: "/Common/DA1_vs" },
          },
          {
            name: "da-2",
            internalAddress: "2001:db8:10::12",
            clientPrefix: "2001:db8:8000:1001::/64",
          },
        ],
      },
    ],
  };
}

/** Every string field of the document, as a path. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  }
  return [];
}

function withValue(path: (string | number)[], text: string): { [key: string]: Json } {
  const result = document();
  let parent = result as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path[path.length - 1]] = text;
  return result;
}

const PATHS = stringPaths(document()).filter((path) => path[path.length - 1] !== "type");

test("the base inventory is valid and synthesizes", () => {
  expect(synthText(validInventory(JSON.stringify(document())))).toContain("DA1_pool");
});

test("token markers in any string field are refused or stay literal text", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...PATHS),
      fc.string({ maxLength: 8 }),
      fc.constantFrom(...MARKERS),
      fc.string({ maxLength: 8 }),
      (path, before, marker, after) => {
        const text = `${before}${marker}${after}`;
        const { inventory, problems } = parseInventory(
          "inventories/lab.yaml",
          JSON.stringify(withValue(path, text)),
        );
        if (hasErrors(problems)) return;
        // Accepted: then it must be in the JSON as this very text.
        expect(synthText(inventory!)).toContain(JSON.stringify(text).slice(1, -1));
      },
    ),
    { numRuns: 300 },
  );
});

test("the stack refuses a token in an inventory that did not go through validation", () => {
  const inventory = validInventory(JSON.stringify(document()));
  const tampered = {
    ...inventory,
    bigip: { ...inventory.bigip, vlans: ["${TfToken[TOKEN.1]}"] },
  };
  expect(() => new ManageOutStack(Testing.app(), "lab", { inventory: tampered })).toThrow(
    "inventory.bigip.vlans[0] holds a cdktf token marker; inventory values must be plain text",
  );
});

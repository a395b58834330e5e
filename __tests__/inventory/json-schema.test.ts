import { readFileSync } from "node:fs";
import { INVENTORY_JSON_SCHEMA_FILE, inventoryJsonSchemaText } from "../../lib/inventory";

test("the committed inventory.schema.json is generated from the current schema (run npm run schema)", () => {
  expect(readFileSync(INVENTORY_JSON_SCHEMA_FILE, "utf8")).toBe(inventoryJsonSchemaText());
});

test("the JSON Schema rejects unknown keys and requires the keys the code requires", () => {
  const schema = JSON.parse(inventoryJsonSchemaText());
  expect(schema.additionalProperties).toBe(false);
  expect(schema.required).toEqual(["bigip", "entryPoints"]);
  expect(schema.properties.bigip.required).toEqual(["vlans"]);
  expect(schema.properties.entryPoints.items.properties.servers.items.required).toEqual([
    "name",
    "internalAddress",
  ]);
});

test("the example inventories point editors at the schema", () => {
  expect(readFileSync("inventories/corp-east.yaml", "utf8")).toMatch(
    /^# yaml-language-server: \$schema=\.\.\/inventory\.schema\.json\n/,
  );
});

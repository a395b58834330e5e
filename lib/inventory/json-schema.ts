/** The JSON Schema of the inventory format, generated from the zod schema the code uses. */
import { z } from "zod";
import { inventorySchema } from "./inventory-schema";

/** File the JSON Schema is committed as, for editors (`# yaml-language-server: $schema=...`). */
export const INVENTORY_JSON_SCHEMA_FILE = "inventory.schema.json";

/** The JSON Schema (draft 2020-12) of an inventory file, as its text. */
export function inventoryJsonSchemaText(): string {
  const schema = {
    ...z.toJSONSchema(inventorySchema, { io: "input" }),
    title: "da-manage-out inventory",
  };
  return JSON.stringify(schema, null, 2) + "\n";
}

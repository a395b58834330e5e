// Writes inventory.schema.json from the zod schema in lib/inventory/inventory-schema.ts.
// Run with `npm run schema` after changing the inventory format; a test fails while it is stale.
import { writeFileSync } from "node:fs";
import { INVENTORY_JSON_SCHEMA_FILE, inventoryJsonSchemaText } from "../lib/inventory/json-schema";

writeFileSync(INVENTORY_JSON_SCHEMA_FILE, inventoryJsonSchemaText());
console.log(`wrote ${INVENTORY_JSON_SCHEMA_FILE}`);

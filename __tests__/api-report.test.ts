/**
 * The public API is deliberate: what lib/index.ts exports, with every type, is checked in as
 * api/da-manage-out.api.md. A change to the surface fails here until the report is written again
 * (`npm run api-report`) and the change shows in review.
 */
import { readFileSync } from "node:fs";
import { API_REPORT, apiReport } from "../scripts/api-report";

test("the public API matches api/da-manage-out.api.md (npm run api-report after a deliberate change)", () => {
  expect(apiReport()).toBe(readFileSync(API_REPORT, "utf8"));
});

test("no inventory internals are public", () => {
  const report = readFileSync(API_REPORT, "utf8");
  const exported = (name: string) =>
    new RegExp(`^(class|interface|type|const|function) ${name}\\b`, "m").test(report);
  for (const internal of [
    "tooDeepLine",
    "MAX_NESTING",
    "parseKeyPath",
    "InventorySource",
    "HIDDEN_CONSTRUCT_ID",
    "BACKEND_SECRET_KEYS",
    "INVENTORY_RULES",
  ]) {
    expect([internal, exported(internal)]).toEqual([internal, false]);
  }
  // The type of DaManageOutEntry's replacementTrigger and nodeTrigger is public too.
  expect(exported("TerraformData")).toBe(true);
  expect(exported("DaManageOutEntry")).toBe(true);
});

#!/usr/bin/env node
// @ts-check
// Trims a full `terraform providers schema -json` dump of F5Networks/bigip down to the provider
// block and the resources this project uses, and writes it to providers/bigip/schema.json.
// Usage: node scripts/vendor-provider-schema.mjs <full-schema.json> <provider version>
import { readFileSync, writeFileSync } from "node:fs";

/** The BIG-IP resources the constructs emit; add one here before using it in lib/. */
export const USED_RESOURCES = [
  "bigip_command",
  "bigip_ltm_pool",
  "bigip_ltm_pool_attachment",
  "bigip_ltm_profile_fastl4",
  "bigip_ltm_virtual_server",
];

const [source, version] = process.argv.slice(2);
if (!source || !/^\d+\.\d+\.\d+$/.test(version ?? "")) {
  console.error(
    "usage: node scripts/vendor-provider-schema.mjs <full-schema.json> <version, e.g. 1.28.0>",
  );
  process.exit(2);
}
const full = JSON.parse(readFileSync(source, "utf8"));
const found = Object.entries(full.provider_schemas).find(([key]) =>
  key.endsWith("/f5networks/bigip"),
);
if (!found) throw new Error(`${source} has no provider f5networks/bigip`);
const [address, provider] = found;
/** @type {Record<string, unknown>} */
const resources = {};
for (const name of USED_RESOURCES) {
  if (!provider.resource_schemas[name]) throw new Error(`${source} has no resource ${name}`);
  resources[name] = provider.resource_schemas[name];
}
const trimmed = {
  format_version: full.format_version,
  provider_schemas: {
    [address]: {
      provider: provider.provider,
      resource_schemas: resources,
      data_source_schemas: {},
    },
  },
  provider_versions: { [address]: version },
};
writeFileSync("providers/bigip/schema.json", JSON.stringify(withoutProse(trimmed), null, 2) + "\n");
console.log(
  `wrote providers/bigip/schema.json (${USED_RESOURCES.length} resources from ${source})`,
);

/**
 * The schema without its free-text descriptions (`description` and `description_kind` strings;
 * an attribute named `description` stays), keys sorted: a new release's file differs from the
 * last one only where the schema does.
 * @param {any} value
 * @returns {any}
 */
function withoutProse(value) {
  if (Array.isArray(value)) return value.map(withoutProse);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter(
        (key) =>
          !(["description", "description_kind"].includes(key) && typeof value[key] === "string"),
      )
      .map((key) => [key, withoutProse(value[key])]),
  );
}

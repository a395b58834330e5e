#!/usr/bin/env node
// Generates the cdktf bindings for the vendored BIG-IP provider schema into .gen/providers/bigip.
// Runs offline on `npm ci` (postinstall): `cdktf get` would need the Terraform registry.
import { readFileSync, rmSync } from "node:fs";
import { generateProviderBindingsFromSchema } from "@cdktf/provider-generator";

const schema = JSON.parse(readFileSync("providers/bigip/schema.json", "utf8"));
rmSync(".gen/providers/bigip", { recursive: true, force: true });
await generateProviderBindingsFromSchema(".gen", schema);
console.log("generated .gen/providers/bigip from providers/bigip/schema.json");

#!/usr/bin/env node
// Generates the cdktf bindings for the vendored BIG-IP provider schema into .gen/providers/bigip,
// and compiles them to JavaScript and declarations in place (the TypeScript sources are removed).
// Runs offline in the repository (`prepare`, on `npm ci`): `cdktf get` would need the Terraform
// registry. Compiled bindings are what the package ships, and generated code stays out of the
// project's own type check (it lacks the `override` modifiers noImplicitOverride asks for).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { generateProviderBindingsFromSchema } from "@cdktf/provider-generator";

const OUT = ".gen/providers/bigip";
const schema = JSON.parse(readFileSync("providers/bigip/schema.json", "utf8"));
rmSync(OUT, { recursive: true, force: true });
await generateProviderBindingsFromSchema(".gen", schema);

/** Every TypeScript source below a folder. */
function sources(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(file);
    return file.endsWith(".ts") && !file.endsWith(".d.ts") ? [file] : [];
  });
}

const files = sources(OUT);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const result = spawnSync(
  process.execPath,
  [
    tsc,
    "--declaration",
    "--target",
    "ES2022",
    "--module",
    "commonjs",
    "--moduleResolution",
    "node",
    "--skipLibCheck",
    "--esModuleInterop",
    "--types",
    "node",
    ...files,
  ],
  { stdio: "inherit" },
);
if (result.status !== 0) process.exit(result.status ?? 1);
for (const file of files) rmSync(file);
console.log(`generated and compiled ${OUT} from providers/bigip/schema.json`);

#!/usr/bin/env node
// @ts-check
// Generates the bindings for the vendored BIG-IP provider schema, once per engine: cdktf's into
// .gen/providers/bigip, CDK Terrain's (cdktn, for the package's `da-manage-out/cdktn`) into
// .gen-cdktn/providers/bigip; the two differ only in the engine they import. Both are compiled to
// JavaScript and declarations in place (the TypeScript sources are removed).
// Runs offline in the repository (`prepare`, on `npm ci`): `cdktf get` would need the Terraform
// registry. Compiled bindings are what the package ships, and generated code stays out of the
// project's own type check (it lacks the `override` modifiers noImplicitOverride asks for).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** Each engine's generator and output folder. @type {Record<string, { generator: string, folder: string }>} */
const ENGINES = {
  cdktf: { generator: "@cdktf/provider-generator", folder: ".gen" },
  cdktn: { generator: "@cdktn/provider-generator", folder: ".gen-cdktn" },
};
const OUTPUTS = Object.values(ENGINES).map(({ folder }) => `${folder}/providers/bigip`);

if (process.argv[2] === "--engine") {
  // One engine's generation, in a process of its own: both generators run Terraform's HCL code as
  // Go WebAssembly through one global, and the second to load in a process fails to instantiate.
  const { generator, folder } = ENGINES[process.argv[3]];
  const { generateProviderBindingsFromSchema } = await import(generator);
  const schema = JSON.parse(readFileSync("providers/bigip/schema.json", "utf8"));
  rmSync(`${folder}/providers/bigip`, { recursive: true, force: true });
  await generateProviderBindingsFromSchema(folder, schema);
  process.exit(0);
}
for (const engine of Object.keys(ENGINES)) {
  const generation = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), "--engine", engine],
    { stdio: "inherit" },
  );
  if (generation.status !== 0) process.exit(generation.status ?? 1);
}

/**
 * Every TypeScript source below a folder.
 * @param {string} folder
 * @returns {string[]}
 */
function sources(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(file);
    return file.endsWith(".ts") && !file.endsWith(".d.ts") ? [file] : [];
  });
}

const files = OUTPUTS.flatMap(sources);
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
console.log(`generated and compiled ${OUTPUTS.join(" and ")} from providers/bigip/schema.json`);

#!/usr/bin/env node
// @ts-check
// Generates the bindings for the vendored BIG-IP provider schema, once per engine, with the
// engine's generator into its folder (scripts/engine.cjs): cdktf's into .gen/providers/bigip, CDK
// Terrain's (cdktn, for the package's `da-manage-out/cdktn`) into .gen-cdktn/providers/bigip; the
// two differ only in the engine they import. Both are compiled to
// JavaScript and declarations in place (the TypeScript sources are removed).
// Runs offline in the repository (`prepare`, on `npm ci`): `cdktf get` would need the Terraform
// registry. Compiled bindings are what the package ships, and generated code stays out of the
// project's own type check (it lacks the `override` modifiers noImplicitOverride asks for).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

import { ENGINE_FACTS, ENGINES } from "./engine.cjs";

const OUTPUTS = ENGINES.map((engine) => `${ENGINE_FACTS[engine].bindings.folder}/providers/bigip`);

if (process.argv[2] === "--engine") {
  // One engine's generation, in a process of its own: both generators run Terraform's HCL code as
  // Go WebAssembly through one global, and the second to load in a process fails to instantiate.
  const { generator, folder } = ENGINE_FACTS[process.argv[3]].bindings;
  const { generateProviderBindingsFromSchema } = await import(generator);
  const schema = JSON.parse(readFileSync("providers/bigip/schema.json", "utf8"));
  rmSync(`${folder}/providers/bigip`, { recursive: true, force: true });
  await generateProviderBindingsFromSchema(folder, schema);
  process.exit(0);
}
for (const engine of ENGINES) {
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

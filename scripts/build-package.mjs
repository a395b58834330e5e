#!/usr/bin/env node
// @ts-check
// Builds what the package ships for use as a construct library, once per engine
// (scripts/engine.cjs): lib/index.ts and everything it imports compiled with the engine's
// TypeScript project into its folder (build/lib for cdktf, build/cdktn/lib for
// `da-manage-out/cdktn`: the same sources type-checked against cdktn's declarations,
// tsconfig.build-cdktn.json maps `cdktf` to them), and the engine's compiled BIG-IP bindings
// copied beside it (build/.gen, build/cdktn/.gen), where the library's relative imports find
// them. The one built file that differs is the engine module, lib/constructs/cdk: it is written
// for each engine, and the build fails, naming the file, if any other built file imports an
// engine it should not (scripts/engine-imports.mjs).
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

import { ENGINE_FACTS, ENGINES } from "./engine.cjs";
import { ENGINE_MODULE, importingEngine, strayEngineImports } from "./engine-imports.mjs";

rmSync("build", { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/**
 * Every file below a folder.
 * @param {string} folder
 */
function filesBelow(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

for (const engine of ENGINES) {
  const { bindings, package: build } = ENGINE_FACTS[engine];
  const result = spawnSync(process.execPath, [tsc, "-p", build.tsconfig], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // The bindings as the package ships them: compiled, without their READMEs.
  cpSync(`${bindings.folder}/providers/bigip`, `${build.outDir}/.gen/providers/bigip`, {
    recursive: true,
    filter: (source) => !source.endsWith(".md"),
  });
  for (const extension of [".js", ".d.ts"]) {
    const file = `${build.outDir}/${ENGINE_MODULE}${extension}`;
    writeFileSync(file, importingEngine(readFileSync(file, "utf8"), engine));
  }
  const built = ["lib", ".gen"]
    .flatMap((folder) => filesBelow(`${build.outDir}/${folder}`))
    .map((file) => ({ file, text: readFileSync(file, "utf8") }));
  const problems = strayEngineImports(engine, build.outDir, built);
  if (problems.length > 0) {
    process.stderr.write(
      `build-package: the ${engine} build imports the engine outside ${ENGINE_MODULE}.ts:\n`,
    );
    for (const problem of problems) process.stderr.write(`  ${problem}\n`);
    process.exit(1);
  }
}
console.log(
  `built ${ENGINES.map((engine) => ENGINE_FACTS[engine].package.outDir).join(" and ")} for the package`,
);

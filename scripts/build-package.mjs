#!/usr/bin/env node
// @ts-check
// Builds what the package ships for use as a construct library: lib/index.ts and everything it
// imports compiled to build/lib (JavaScript and declarations), and the compiled BIG-IP bindings
// the constructs import copied to build/.gen, where build/lib's relative imports find them. Then
// the same for CDK Terrain (`da-manage-out/cdktn`) in build/cdktn: the sources compiled against
// cdktn's declarations (tsconfig.build-cdktn.json maps `cdktf` to them), their `cdktf` imports
// renamed to `cdktn` in the output, and the bindings generated for cdktn (.gen-cdktn).
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

rmSync("build", { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/**
 * The bindings as the package ships them: compiled, without their READMEs.
 * @param {string} from
 * @param {string} to
 */
function copyBindings(from, to) {
  cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith(".md") });
}

/**
 * Every file below a folder.
 * @param {string} folder
 */
function filesBelow(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

for (const project of ["tsconfig.build.json", "tsconfig.build-cdktn.json"]) {
  const result = spawnSync(process.execPath, [tsc, "-p", project], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
copyBindings(".gen/providers/bigip", "build/.gen/providers/bigip");
copyBindings(".gen-cdktn/providers/bigip", "build/cdktn/.gen/providers/bigip");
// `require("cdktf")`, `from "cdktf"`, `import("cdktf")` and their subpaths, in code and declarations.
const CDKTF_IMPORT = /(require\(|from |import\()"cdktf(\/[^"]*)?"/g;
for (const file of filesBelow("build/cdktn/lib")) {
  const text = readFileSync(file, "utf8");
  const renamed = text.replace(CDKTF_IMPORT, '$1"cdktn$2"');
  if (renamed !== text) writeFileSync(file, renamed);
}
console.log("built build/lib, build/.gen and build/cdktn for the package");

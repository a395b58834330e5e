#!/usr/bin/env node
// Builds what the package ships for use as a construct library: lib/index.ts and everything it
// imports compiled to build/lib (JavaScript and declarations), and the compiled BIG-IP bindings
// the constructs import copied to build/.gen, where build/lib's relative imports find them.
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";

rmSync("build", { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
  stdio: "inherit",
});
if (result.status !== 0) process.exit(result.status ?? 1);
cpSync(".gen/providers/bigip", "build/.gen/providers/bigip", {
  recursive: true,
  filter: (source) => !source.endsWith(".md"),
});
console.log("built build/lib and build/.gen for the package");

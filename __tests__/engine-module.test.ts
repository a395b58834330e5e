/**
 * The library imports its CDK engine in one module, lib/constructs/cdk.ts, which the package build
 * writes per engine and checks (scripts/build-package.mjs with scripts/engine-imports.mjs); the
 * engine facts the scripts read are one table (scripts/engine.cjs), which the package manifest and
 * the library's run-time engine check (lib/constructs/engine.ts) agree with.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { LIBRARY_IMPORTS } from "../lib/constructs/engine";

const ROOT = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENGINE_FACTS, ENGINES } = require("../scripts/engine.cjs") as {
  ENGINE_FACTS: Record<string, { package: { outDir: string; library: string } }>;
  ENGINES: string[];
};

/**
 * A function of scripts/engine-imports.mjs (an ES module, which jest's CommonJS cannot load)
 * called once per argument list (given on stdin), in one Node process of its own.
 */
function callEngineImports(name: string, argumentLists: unknown[][]): unknown[] {
  const result = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "--eval",
      `import { readFileSync } from "node:fs";
       import * as engineImports from "./scripts/engine-imports.mjs";
       const [name, argumentLists] = JSON.parse(readFileSync(0, "utf8"));
       const results = argumentLists.map((list) => engineImports[name](...list));
       process.stdout.write(JSON.stringify(results));`,
    ],
    { cwd: ROOT, encoding: "utf8", input: JSON.stringify([name, argumentLists]) },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as unknown[];
}

/** Every TypeScript file below `folder`, as a path from the root. */
function typeScriptBelow(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.posix.join(folder, file.split(path.sep).join("/")));
}

test("of lib/ and main.ts, only lib/constructs/cdk.ts imports the engine, and it imports cdktf", () => {
  const files = ["main.ts", ...typeScriptBelow("lib")];
  const texts = files.map((file) => readFileSync(path.join(ROOT, file), "utf8"));
  const imports = callEngineImports(
    "engineImports",
    texts.map((text) => [text]),
  ) as string[][];

  const importing = Object.fromEntries(
    files.map((file, index) => [file, imports[index]]).filter(([, engines]) => engines.length > 0),
  );
  expect(importing).toEqual({ "lib/constructs/cdk.ts": ["cdktf"] });
});

test("finds engine imports in code and declarations, subpaths included, and nothing else", () => {
  const texts = [
    'var cdktf_1 = require("cdktf");',
    'export { App } from "cdktn";',
    "import type { X } from 'cdktf/lib/x';",
    'const lazy = import("cdktn/lib/y");',
    'import "cdktf";',
    'const ENGINE = "cdktf"; const marker = Symbol.for("cdktf/token"); import { a } from "cdktf-cli";',
  ];
  expect(
    callEngineImports(
      "engineImports",
      texts.map((text) => [text]),
    ),
  ).toEqual([["cdktf"], ["cdktn"], ["cdktf"], ["cdktn"], ["cdktf"], []]);
});

test("the engine module, written for cdktn, imports cdktn in its code and declarations", () => {
  const built = [
    'var cdktf_1 = require("cdktf");\nconst x = "cdktf";',
    'export { App, Token } from "cdktf";\nexport type { ITerraformDependable } from "cdktf/lib";',
  ];
  expect(
    callEngineImports(
      "importingEngine",
      built.map((text) => [text, "cdktn"]),
    ),
  ).toEqual([
    'var cdktf_1 = require("cdktn");\nconst x = "cdktf";',
    'export { App, Token } from "cdktn";\nexport type { ITerraformDependable } from "cdktn/lib";',
  ]);
});

test("the package build's check names each built file that imports the engine past the engine module", () => {
  const cdktnBuild = [
    { file: "build/cdktn/lib/constructs/cdk.js", text: 'var cdktf_1 = require("cdktn");' },
    { file: "build/cdktn/lib/constructs/cdk.d.ts", text: 'export { App } from "cdktn";' },
    { file: "build/cdktn/.gen/providers/bigip/provider/index.js", text: 'require("cdktn");' },
    { file: "build/cdktn/lib/constructs/engine.js", text: 'exports.ENGINE = "cdktf";' },
    { file: "build/cdktn/lib/constructs/stray.js", text: 'const cdktf_1 = require("cdktf");' },
    { file: "build/cdktn/lib/constructs/direct.d.ts", text: 'import { Token } from "cdktn";' },
    { file: "build/cdktn/.gen/providers/bigip/index.d.ts", text: 'import("cdktf").App' },
  ];
  expect(callEngineImports("strayEngineImports", [["cdktn", "build/cdktn", cdktnBuild]])).toEqual([
    [
      'build/cdktn/lib/constructs/stray.js imports "cdktf", but it is part of the cdktn build',
      'build/cdktn/lib/constructs/direct.d.ts imports "cdktn": only lib/constructs/cdk.ts may import the engine',
      'build/cdktn/.gen/providers/bigip/index.d.ts imports "cdktf", but it is part of the cdktn build',
    ],
  ]);
});

test("each engine's library import is the package's export of its build, as the run-time check names it", () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    exports: Record<string, { default: string; types: string }>;
    files: string[];
  };
  for (const engine of ENGINES) {
    const { outDir, library } = ENGINE_FACTS[engine].package;
    const subpath = `.${library.slice("da-manage-out".length)}`;
    expect({ engine, export: manifest.exports[subpath], files: manifest.files }).toEqual({
      engine,
      export: { types: `./${outDir}/lib/index.d.ts`, default: `./${outDir}/lib/index.js` },
      files: expect.arrayContaining([`${outDir}/lib/`, `${outDir}/.gen/`]),
    });
  }
  expect(
    Object.fromEntries(ENGINES.map((engine) => [engine, ENGINE_FACTS[engine].package.library])),
  ).toEqual(LIBRARY_IMPORTS);
});

// @ts-check
// Where the library imports its CDK engine. One module, lib/constructs/cdk.ts, imports "cdktf";
// the package's build for each engine (scripts/build-package.mjs) writes that module for its
// engine and checks that no other built file imports an engine: a check, so that a construct
// importing cdktf past the module fails the build instead of loading cdktf in a cdktn app.
import * as path from "node:path";

import { ENGINES } from "./engine.cjs";

/** The one module of the library that imports the engine, from the root, without extension. */
export const ENGINE_MODULE = "lib/constructs/cdk";

/**
 * An import of an engine or of a path in it, in code or declarations: `require("cdktf")`,
 * `from "cdktf"`, `import("cdktf/lib/x")`, `import "cdktn"`.
 */
const ENGINE_IMPORT = new RegExp(
  `(require\\(|from |import\\(|import )\\s*(["'])(${ENGINES.join("|")})(/[^"']*)?\\2`,
  "g",
);

/**
 * The engines `text` imports, each once, in order of appearance.
 * @param {string} text
 * @returns {string[]}
 */
export function engineImports(text) {
  return [...new Set([...text.matchAll(ENGINE_IMPORT)].map((match) => match[3]))];
}

/**
 * `text` (the engine module as built) with its engine imports naming `engine` instead.
 * @param {string} text
 * @param {string} engine
 */
export function importingEngine(text, engine) {
  return text.replace(ENGINE_IMPORT, (_, before, quote, _engine, subpath = "") => {
    return `${before}${quote}${engine}${subpath}${quote}`;
  });
}

/**
 * What is wrong with `engine`'s build of the package, one line per file: a file that imports
 * another engine, or a file of the library (lib/) other than the engine module that imports an
 * engine at all. The bindings (.gen/) import their own engine.
 * @param {string} engine
 * @param {string} outDir the build's folder, e.g. `build/cdktn`
 * @param {{ file: string, text: string }[]} files each built file, by its path from the root
 * @returns {string[]}
 */
export function strayEngineImports(engine, outDir, files) {
  return files.flatMap(({ file, text }) => {
    const inBuild = path.posix.relative(outDir, file.split(path.sep).join("/"));
    const isEngineModule = [".js", ".d.ts"].some((ext) => inBuild === `${ENGINE_MODULE}${ext}`);
    const inLibrary = inBuild.startsWith("lib/");
    return engineImports(text).flatMap((imported) => {
      if (imported !== engine) {
        return [`${file} imports "${imported}", but it is part of the ${engine} build`];
      }
      if (inLibrary && !isEngineModule) {
        return [`${file} imports "${imported}": only ${ENGINE_MODULE}.ts may import the engine`];
      }
      return [];
    });
  });
}

// @ts-check
// The engine switch and the one table of engine facts the scripts read. DA_MANAGE_OUT_ENGINE picks
// the CDK engine the app, its tests and the CLI wrapper (`da-manage-out cdktf`,
// lib/deploy/cdktf-process.ts) run on. Unset or `cdktf`: CDK for Terraform 0.21, the default.
// `cdktn`: CDK Terrain, the maintained fork. The sources import the engine in one module,
// lib/constructs/cdk.ts, as "cdktf"; on cdktn they run through a module alias (`cdktf` → `cdktn`)
// in the esbuild bundle of the app and in jest's module map, and the package's cdktn build gets
// that one module written for cdktn (scripts/build-package.mjs).

/**
 * @typedef {object} EngineFacts
 * @property {{ bin: string, node: [number, number], below: [number, number] | undefined }} cli
 *   The engine's CLI (below node_modules) and the Node versions it runs on, as [major, minor] from
 *   `node` up to (not including) `below`:
 *   - cdktf-cli 0.21 loads node-pty from prebuilt binaries for Node ABIs up to 127 (Node 22); on
 *     Node 24 and 26 its first command fails with `Cannot find module '../build/Release/pty.node'`.
 *     CDK for Terraform is archived (December 2025), so no build for a newer Node will come.
 *   - cdktn-cli 0.24 needs 22.19 (on Node 20 its synth fails with `util.markAsUncloneable is not a
 *     function`) and runs on Node 22, 24 and 26.
 * @property {string} app The app's bundle (scripts/app-build.cjs), which scripts/run-app.cjs runs.
 * @property {Record<string, string>} aliases The module aliases that run code written for cdktf on
 *   this engine: none for cdktf itself.
 * @property {{ generator: string, folder: string }} bindings The provider binding generator and the
 *   folder it writes (scripts/generate-bindings.mjs).
 * @property {{ tsconfig: string, outDir: string, library: string }} package The package's build of
 *   the library (scripts/build-package.mjs): its TypeScript project, its folder, and the import an
 *   app uses (package.json `exports`).
 */

/** @type {Record<string, EngineFacts>} */
const ENGINE_FACTS = {
  cdktf: {
    cli: { bin: "cdktf-cli/bundle/bin/cdktf", node: [20, 0], below: [23, 0] },
    app: "dist/main.js",
    aliases: {},
    bindings: { generator: "@cdktf/provider-generator", folder: ".gen" },
    package: { tsconfig: "tsconfig.build.json", outDir: "build", library: "da-manage-out" },
  },
  cdktn: {
    cli: { bin: "cdktn-cli/bundle/bin/cdktn.js", node: [22, 19], below: undefined },
    app: "dist/cdktn/main.js",
    aliases: { cdktf: "cdktn" },
    bindings: { generator: "@cdktn/provider-generator", folder: ".gen-cdktn" },
    package: {
      tsconfig: "tsconfig.build-cdktn.json",
      outDir: "build/cdktn",
      library: "da-manage-out/cdktn",
    },
  },
};

/** The engines, by the value of DA_MANAGE_OUT_ENGINE; the first is the default. */
const ENGINES = Object.keys(ENGINE_FACTS);

/** The engine DA_MANAGE_OUT_ENGINE names; throws with the allowed values on any other value. */
function selectedEngine(env = process.env) {
  const value = env.DA_MANAGE_OUT_ENGINE || ENGINES[0];
  if (!ENGINES.includes(value)) {
    throw new Error(`DA_MANAGE_OUT_ENGINE must be one of ${ENGINES.join(", ")}, got '${value}'`);
  }
  return value;
}

/**
 * The module aliases that run code written for cdktf on `engine`: none for cdktf itself.
 * @param {string} engine
 * @returns {Record<string, string>}
 */
function engineAliases(engine) {
  return ENGINE_FACTS[engine].aliases;
}

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const NODE_MODULES = path.join(__dirname, "..", "node_modules");

/** The Node the project installs for a CLI that cannot run on this one: the npm registry's `node`. */
const NODE_PACKAGE = "node@22.23.3";
const NODE_FOLDER = path.join(NODE_MODULES, ".cache", "node22");
const NODE_BINARY = path.join(NODE_FOLDER, "node_modules", "node", "bin", "node");

/**
 * True when `version` ("22.23.3") is at least `[major, minor]`.
 * @param {string} version
 * @param {[number, number]} atLeast
 */
function isAtLeast(version, [major, minor]) {
  const [actualMajor, actualMinor] = version.split(".").map(Number);
  return actualMajor > major || (actualMajor === major && actualMinor >= minor);
}

/**
 * True when `engine`'s CLI runs on Node `version` ("24.21.0").
 * @param {string} engine
 * @param {string} version
 */
function runsOn(engine, version) {
  const { node, below } = ENGINE_FACTS[engine].cli;
  return isAtLeast(version, node) && (below === undefined || !isAtLeast(version, below));
}

/**
 * The command that runs `engine`'s CLI: [node, cli]. This Node when the CLI runs on it; otherwise
 * Node 22 from the npm registry's `node` package, installed by npm into node_modules/.cache/node22
 * on first use. Throws when that install fails.
 * @param {string} engine
 * @returns {[string, string]}
 */
function engineCli(engine, version = process.versions.node) {
  const { bin } = ENGINE_FACTS[engine].cli;
  const cli = path.join(NODE_MODULES, bin);
  if (runsOn(engine, version)) return [process.execPath, cli];
  if (!fs.existsSync(NODE_BINARY)) {
    process.stderr.write(
      `da-manage-out: the ${engine} CLI does not run on Node ${version}: installing ${NODE_PACKAGE} (npm) into node_modules/.cache/node22\n`,
    );
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(
      npm,
      ["install", "--prefix", NODE_FOLDER, "--no-save", "--no-audit", "--no-fund", NODE_PACKAGE],
      { stdio: ["ignore", "ignore", "inherit"], shell: process.platform === "win32" },
    );
    if (result.status !== 0 || !fs.existsSync(NODE_BINARY)) {
      throw new Error(`npm could not install ${NODE_PACKAGE} for the ${engine} CLI`);
    }
  }
  return [NODE_BINARY, cli];
}

module.exports = { ENGINE_FACTS, ENGINES, engineAliases, engineCli, runsOn, selectedEngine };

// @ts-check
// Builds the app and the CLI from TypeScript into dist/ with esbuild (transpile and bundle our own
// code, no type checking: that is `npm run build`'s job), and rebuilds only when a source is newer
// than the build. Running compiled JavaScript keeps the fixed cost of every synth and every CLI
// call small; the freshness check keeps `npx cdktf synth` from ever running stale code.
const fs = require("node:fs");
const path = require("node:path");

const { ENGINE_FACTS, ENGINES } = require("./engine.cjs");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
/** esbuild's record of the inputs of the last build. */
const META = path.join(DIST, "meta.json");
/**
 * The app outputs, one per engine (scripts/engine.cjs; scripts/run-app.cjs runs the selected
 * one). Written into dist/meta.json as `appOutputs`, beside esbuild's own record, so that
 * `changes` learns the app's sources from the build itself.
 */
const APP_OUTPUTS = ENGINES.map((engine) => ENGINE_FACTS[engine].app);
/**
 * One esbuild pass per set of entry points (name in dist/ → source):
 * - the app once per engine, from the same sources, with the engine's module aliases (`cdktf` →
 *   `cdktn` on CDK Terrain); the generated bindings are bundled (relative imports), the packages
 *   are loaded from node_modules (cdktf and constructs must be the app's own copies);
 * - the HCL renderer, its packages from node_modules too;
 * - the command line, which never loads cdktf and is bundled whole, its packages (yaml, zod,
 *   ipaddr.js) included: loading their 170 files one by one was a third of a `validate`'s start-up
 *   (deploy, destroy and the cdktf wrapper are commands of it).
 * @type {{ entryPoints: Record<string, string>, packages?: "external", alias?: Record<string, string> }[]}
 */
const PASSES = [
  ...ENGINES.map((engine) => ({
    entryPoints: {
      [path.posix.relative("dist", ENGINE_FACTS[engine].app).replace(/\.js$/, "")]: "main.ts",
    },
    packages: /** @type {const} */ ("external"),
    alias: ENGINE_FACTS[engine].aliases,
  })),
  { entryPoints: { hcl: "lib/hcl/render-hcl.ts" }, packages: "external" },
  { entryPoints: { cli: "lib/cli/main.ts" } },
];
const ALL_ENTRY_POINTS = Object.assign({}, ...PASSES.map((pass) => pass.entryPoints));

/** True when dist/ exists and no input of the last build changed or disappeared since. */
function isFresh() {
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(META, "utf8"));
  } catch {
    return false;
  }
  const builtAt = fs.statSync(META).mtimeMs;
  // A changed build (this file: entry points, options; the engine table) or a missing output
  // means a rebuild.
  if (
    [__filename, require.resolve("./engine.cjs")].some(
      (file) => fs.statSync(file).mtimeMs > builtAt,
    )
  ) {
    return false;
  }
  if (
    !Object.keys(ALL_ENTRY_POINTS).every((name) => fs.existsSync(path.join(DIST, `${name}.js`)))
  ) {
    return false;
  }
  return Object.keys(meta.inputs).every((input) => {
    try {
      return fs.statSync(path.join(ROOT, input)).mtimeMs <= builtAt;
    } catch {
      return false;
    }
  });
}

/** Builds dist/ now. Each file is written under a temporary name and renamed into place, so a
 * process reading dist/ at the same time never sees half a file. */
function build() {
  const esbuild = require("esbuild");
  const options = /** @satisfies {import("esbuild").BuildOptions} */ ({
    absWorkingDir: ROOT,
    outdir: DIST,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    metafile: /** @type {true} */ (true),
    write: /** @type {false} */ (false),
    logLevel: "warning",
  });
  const results = PASSES.map((pass) => esbuild.buildSync({ ...options, ...pass }));
  const result = {
    outputFiles: results.flatMap((each) => each.outputFiles),
    metafile: {
      inputs: Object.assign({}, ...results.map((each) => each.metafile.inputs)),
      outputs: Object.assign({}, ...results.map((each) => each.metafile.outputs)),
    },
  };
  fs.mkdirSync(DIST, { recursive: true });
  const files = [
    ...result.outputFiles.map((file) => /** @type {const} */ ([file.path, file.contents])),
    /** @type {const} */ ([META, JSON.stringify({ ...result.metafile, appOutputs: APP_OUTPUTS })]),
  ];
  for (const [file, contents] of files) {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  }
}

/** Builds dist/ unless it is up to date. */
function ensureBuilt() {
  if (!isFresh()) build();
}

module.exports = { build, ensureBuilt, isFresh };

if (require.main === module) {
  build();
  const outputs = Object.keys(ALL_ENTRY_POINTS).map((name) => `dist/${name}.js`);
  console.log(`built ${outputs.join(", ")}`);
}

const fs = require("node:fs");
const path = require("node:path");
const { ENGINES, engineAliases, selectedEngine } = require("./scripts/engine.cjs");

/**
 * The suites whose outcome depends on the engine (the constructs, the stack, its synthesized JSON
 * and the app) say so on their first line, `// @both-engines: ...`, and run on both engines; the
 * rest (inventory, CLI, tools, device, scripts) import no engine, or only use a synthesized stack
 * as a fixture, and run once, on the selected engine.
 */
const BOTH_ENGINES_MARKER = "// @both-engines:";

/** Every `*.test.ts` under __tests__/ whose first line is the marker, as a path from the root. */
function bothEngineSuites(folder = "__tests__") {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return bothEngineSuites(file);
    if (!entry.name.endsWith(".test.ts")) return [];
    const firstLine = fs.readFileSync(file, "utf8").split("\n", 1)[0];
    return firstLine.startsWith(BOTH_ENGINES_MARKER) ? [file] : [];
  });
}

/** A project on `engine`: `cdktf` mapped to it for the suites, DA_MANAGE_OUT_ENGINE for what
 * they start (scripts/engine.cjs). */
function onEngine(engine, testMatch) {
  return {
    displayName: engine,
    testEnvironment: "node",
    roots: ["<rootDir>/__tests__"],
    testMatch,
    // `isolatedModules` in tsconfig.json makes ts-jest transpile only: type checking is the job
    // of `npm run build`, so the generated provider bindings are not type-checked on every run.
    transform: { "^.+\\.ts$": "ts-jest" },
    moduleNameMapper: Object.fromEntries(
      Object.entries(engineAliases(engine)).map(([from, to]) => [`^${from}(/.*)?$`, `${to}$1`]),
    ),
    globals: { DA_MANAGE_OUT_ENGINE: engine },
    setupFiles: ["<rootDir>/__tests__/engine-environment.cjs"],
  };
}

const selected = selectedEngine();
const other = ENGINES.find((engine) => engine !== selected);

/** @type {import('jest').Config} */
module.exports = {
  // The whole suite on the selected engine (DA_MANAGE_OUT_ENGINE, cdktf by default), and the
  // engine's suites again on the other one.
  projects: [
    onEngine(selected, ["**/*.test.ts"]),
    onEngine(
      other,
      bothEngineSuites().map((suite) => `<rootDir>/${suite}`),
    ),
  ],
  // One worker per core. Jest's default leaves a core for itself (one worker on 2 cores), but many
  // suites wait on the processes they start (the CLI, the app, git): on 2 cores the unit suite
  // took 47 s with one worker and 32 s with two.
  maxWorkers: "100%",
};

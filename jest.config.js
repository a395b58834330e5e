const { ENGINES, engineAliases, selectedEngine } = require("./scripts/engine.cjs");

/**
 * The suites whose outcome depends on the engine: the constructs, the stack, its synthesized JSON
 * and the app. They run on both engines; the rest (inventory, CLI, tools, device, scripts) import
 * no engine, or only use a synthesized stack as a fixture, and run once, on the selected engine.
 */
const ENGINE_SUITES = [
  "construct-ids",
  "da-manage-out-entry",
  "device-credentials",
  "engine-mix",
  "entry-props",
  "main",
  "manage-out-stack",
  "stack-changes",
  "stack-document",
  "stack-engine-checks",
  "stack-options",
  "tmsh-command-inputs",
  "hcl/render-hcl",
  "inventory/template-text.property",
  "tools/audit",
];

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
      ENGINE_SUITES.map((suite) => `<rootDir>/__tests__/${suite}.test.ts`),
    ),
  ],
  // One worker per core. Jest's default leaves a core for itself (one worker on 2 cores), but many
  // suites wait on the processes they start (the CLI, the app, git): on 2 cores the unit suite
  // took 47 s with one worker and 32 s with two.
  maxWorkers: "100%",
};

// The engine switch: DA_MANAGE_OUT_ENGINE picks the CDK engine the app, its tests and (later) the
// CLI wrapper run on. Unset or `cdktf`: CDK for Terraform 0.21, the default. `cdktn`: CDK Terrain,
// the maintained fork; the same sources run on it through a module alias (`cdktf` → `cdktn`), in
// the esbuild bundle of the app and in jest's module map, so the code under lib/ and the generated
// bindings keep importing "cdktf".

/** The engines, by the value of DA_MANAGE_OUT_ENGINE. */
const ENGINES = ["cdktf", "cdktn"];

/** The engine DA_MANAGE_OUT_ENGINE names; throws with the allowed values on any other value. */
function selectedEngine(env = process.env) {
  const value = env.DA_MANAGE_OUT_ENGINE || "cdktf";
  if (!ENGINES.includes(value)) {
    throw new Error(`DA_MANAGE_OUT_ENGINE must be one of ${ENGINES.join(", ")}, got '${value}'`);
  }
  return value;
}

/** The module aliases that run code written for cdktf on `engine`: none for cdktf itself. */
function engineAliases(engine) {
  return engine === "cdktf" ? {} : { cdktf: engine };
}

module.exports = { ENGINES, engineAliases, selectedEngine };

// @ts-check
// The cdktf app command (cdktf.json "app"): build dist/ if a source changed, then run it on the
// engine DA_MANAGE_OUT_ENGINE names (scripts/engine.cjs).
const path = require("node:path");

const { ENGINE_FACTS, selectedEngine } = require("./engine.cjs");

let engine;
try {
  engine = selectedEngine();
} catch (error) {
  process.stderr.write(`da-manage-out: ${/** @type {Error} */ (error).message}\n`);
  process.exit(2);
}
if (engine === "cdktf") hideArchivedCdktfDeprecation();
require("./app-build.cjs").ensureBuilt();
require(path.join(__dirname, "..", ENGINE_FACTS[engine].app));

/**
 * cdktf 0.21 calls `util.isArray`, which Node 22.0 and later deprecate at run time (DEP0044), from
 * every stack output; the cdktf CLI prints that warning as `[ERROR]` on every synth. cdktf is
 * archived, so the call stays: this one warning is dropped, every other one is printed.
 */
function hideArchivedCdktfDeprecation() {
  const emitWarning = process.emitWarning;
  /** @type {(warning: string | Error, ...rest: any[]) => void} */
  const filtered = function (warning, ...rest) {
    const code = typeof rest[0] === "object" && rest[0] !== null ? rest[0].code : rest[1];
    if (code === "DEP0044") return;
    return /** @type {Function} */ (emitWarning).call(process, warning, ...rest);
  };
  process.emitWarning = /** @type {typeof process.emitWarning} */ (filtered);
}

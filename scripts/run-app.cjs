// The cdktf app command (cdktf.json "app"): build dist/ if a source changed, then run it on the
// engine DA_MANAGE_OUT_ENGINE names (scripts/engine.cjs).
const { selectedEngine } = require("./engine.cjs");

let engine;
try {
  engine = selectedEngine();
} catch (error) {
  process.stderr.write(`da-manage-out: ${error.message}\n`);
  process.exit(2);
}
require("./app-build.cjs").ensureBuilt();
require(engine === "cdktf" ? "../dist/main.js" : `../dist/${engine}/main.js`);

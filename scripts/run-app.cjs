// The cdktf app command (cdktf.json "app"): build dist/ if a source changed, then run it.
require("./app-build.cjs").ensureBuilt();
require("../dist/main.js");

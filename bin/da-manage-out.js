#!/usr/bin/env node
// The da-manage-out command line: `npx da-manage-out <command>`. Runs the compiled CLI, building
// it first if a source changed.
require("../scripts/app-build.cjs").ensureBuilt();
const { main } = require("../dist/cli.js");

Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});

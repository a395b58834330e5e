#!/usr/bin/env node
// The da-manage-out command line: `npx da-manage-out <command>`. Runs the compiled CLI. In the
// repository (its TypeScript sources next to this file) it first rebuilds the CLI if a source
// changed; installed as a package, it runs the CLI the package ships.
const fs = require("node:fs");
const path = require("node:path");

const repository = fs.existsSync(path.join(__dirname, "..", "lib", "cli", "main.ts"));
if (repository) require("../scripts/app-build.cjs").ensureBuilt();
const { main } = require("../dist/cli.js");

Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
// The da-manage-out command line: `npx da-manage-out <command>`. Runs the compiled CLI. In the
// repository (its TypeScript sources next to this file) it first rebuilds the CLI if a source
// changed; installed as a package, it runs the CLI the package ships.
const fs = require("node:fs");
const path = require("node:path");

const repository = fs.existsSync(path.join(__dirname, "..", "lib", "cli", "main.ts"));
if (repository) require("../scripts/app-build.cjs").ensureBuilt();
const { main } = require("../dist/cli.js");

// A reader that stops early (`… | head -1`) closes the pipe: that ends the command quietly with
// exit 2, instead of a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(2);
  });
}

Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});

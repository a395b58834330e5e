#!/usr/bin/env node
// The da-manage-out command line: `npx da-manage-out <command>`. Runs the TypeScript sources
// through tsx's transpile-only loader.
require("tsx/cjs");
const { main } = require("../lib/cli/main.ts");

process.exitCode = main(process.argv.slice(2));

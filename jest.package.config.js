/**
 * The package test (`npm run test:package`): `npm pack`, the tarball installed offline into a
 * scratch cdktf app, compiled and synthesized. About half a minute whatever the machine, so it
 * runs beside `npm test` (in `.ci/run`), not inside it.
 */
const base = require("./jest.config");

// The selected engine's project (jest.config.js): the tarball is tested once.
module.exports = {
  ...base.projects[0],
  testMatch: ["**/*.package.ts"],
  testTimeout: 300_000,
  maxWorkers: 1,
};

/** Integration tests (`npm run test:integration`): need terraform and the real provider. */
const base = require("./jest.config");

// One suite at a time: the scenarios time real Terraform runs and locks against each other.
// On the selected engine (jest.config.js's first project).
module.exports = {
  ...base.projects[0],
  testMatch: ["**/*.integ.ts"],
  testTimeout: 600_000,
  maxWorkers: 1,
};

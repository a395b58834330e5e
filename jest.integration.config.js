/** Integration tests (`npm run test:integration`): need terraform and the real provider. */
const base = require("./jest.config");

// One suite at a time: the scenarios time real Terraform runs and locks against each other.
module.exports = { ...base, testMatch: ["**/*.integ.ts"], testTimeout: 600_000, maxWorkers: 1 };

/** Integration tests (`npm run test:integration`): need terraform and the real provider. */
const base = require("./jest.config");

module.exports = { ...base, testMatch: ["**/*.integ.ts"], testTimeout: 600_000 };

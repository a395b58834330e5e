/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // `isolatedModules` in tsconfig.json makes ts-jest transpile only: type checking is the job of
  // `npm run build`, so the generated provider bindings are not type-checked on every test run.
  transform: { "^.+\\.ts$": "ts-jest" },
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // `isolatedModules` in tsconfig.json makes ts-jest transpile only: type checking is the job of
  // `npm run build`, so the generated provider bindings are not type-checked on every test run.
  transform: { "^.+\\.ts$": "ts-jest" },
  // One worker per core. Jest's default leaves a core for itself (one worker on 2 cores), but many
  // suites wait on the processes they start (the CLI, the app, git): on 2 cores the unit suite
  // took 47 s with one worker and 32 s with two.
  maxWorkers: "100%",
};
